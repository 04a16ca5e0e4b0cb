<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>checks</name>
    <message>
        <source>Network connection to the hearing platform</source>
        <translation>到庭审平台的网络连接</translation>
    </message>
    <message>
        <source>The connection to the hearing platform is good.</source>
        <translation>到庭审平台的网络连接良好。</translation>
    </message>
    <message>
        <source>No test address is set for this platform.</source>
        <translation>这个平台没有设置测试地址。</translation>
    </message>
    <message>
        <source>A test address is not a valid web address.</source>
        <translation>有一个测试地址不是有效的网址。</translation>
    </message>
    <message>
        <source>This computer cannot find the platform&apos;s site on the network.</source>
        <translation>这台电脑在网络上找不到平台的网站。</translation>
    </message>
    <message>
        <source>The platform&apos;s site refused the connection.</source>
        <translation>平台网站拒绝了连接。</translation>
    </message>
    <message>
        <source>The platform&apos;s site did not answer the connection in time.</source>
        <translation>平台网站没有及时响应连接。</translation>
    </message>
    <message>
        <source>This computer cannot reach the platform&apos;s site.</source>
        <translation>这台电脑连不上平台网站。</translation>
    </message>
    <message>
        <source>The secure (HTTPS) connection could not be set up.</source>
        <translation>无法建立安全连接（HTTPS）。</translation>
    </message>
    <message>
        <source>The site&apos;s security certificate looks expired (or this PC&apos;s date is wrong).</source>
        <translation>网站的安全证书显示已过期（也可能是这台电脑的日期不对）。</translation>
    </message>
    <message>
        <source>The site&apos;s security certificate is not valid yet (this PC&apos;s date may be wrong).</source>
        <translation>网站的安全证书显示还未生效（可能是这台电脑的日期不对）。</translation>
    </message>
    <message>
        <source>The security certificate belongs to a different site.</source>
        <translation>安全证书属于另一个网站，与要访问的网站不符。</translation>
    </message>
    <message>
        <source>The site&apos;s security certificate is not trusted by this PC.</source>
        <translation>这台电脑不信任该网站的安全证书。</translation>
    </message>
    <message>
        <source>The proxy server set on this PC is not working.</source>
        <translation>这台电脑设置的代理服务器不能正常工作。</translation>
    </message>
    <message>
        <source>The platform&apos;s server reports an error.</source>
        <translation>平台的服务器报告出错。</translation>
    </message>
    <message>
        <source>The connection to the platform was cut off before it answered.</source>
        <translation>平台还没回应，连接就断开了。</translation>
    </message>
    <message>
        <source>The platform did not answer in time.</source>
        <translation>平台没有及时回应。</translation>
    </message>
    <message>
        <source>The network is slow to answer; video may lag behind.</source>
        <translation>网络响应慢，视频可能会延迟。</translation>
    </message>
    <message>
        <source>The network is unsteady; sound and picture may break up.</source>
        <translation>网络不稳定，声音和画面可能会断断续续。</translation>
    </message>
    <message>
        <source>Some requests to the platform failed; the connection is unreliable.</source>
        <translation>访问平台时有部分请求失败，连接不可靠。</translation>
    </message>
    <message>
        <source>Download speed is too low for a clear video picture.</source>
        <translation>下载速度太慢，视频画面会不清楚。</translation>
    </message>
    <message>
        <source>Upload speed is too low to send the litigant&apos;s video.</source>
        <translation>上传速度太慢，无法传送当事人的视频。</translation>
    </message>
    <message>
        <source>This PC&apos;s clock is wrong.</source>
        <translation>这台电脑的时间不准。</translation>
    </message>
    <message>
        <source>This PC reaches the internet through a proxy.</source>
        <translation>这台电脑通过代理服务器上网。</translation>
    </message>
    <message>
        <source>Video traffic (UDP) is blocked on this network.</source>
        <translation>这个网络屏蔽了视频通话用的数据（UDP）。</translation>
    </message>
    <message>
        <source>Time ran out before every measurement was made.</source>
        <translation>时间到了，还有部分项目没有测完。</translation>
    </message>
    <message>
        <source>Check the network cable or Wi-Fi. If they are fine, the court network may block this site: ask court IT.</source>
        <translation>请检查网线或无线网络（Wi-Fi）。如果都正常，可能是法院网络屏蔽了这个网站，请联系法院技术人员。</translation>
    </message>
    <message>
        <source>Check that the platform address is right. If it is, a firewall may block it: ask court IT.</source>
        <translation>请核对平台地址是否正确。如果地址没错，可能被防火墙拦截了，请联系法院技术人员。</translation>
    </message>
    <message>
        <source>The network may be interfering with secure connections, or this PC&apos;s date and time are wrong. Check the clock first, then ask court IT.</source>
        <translation>可能是网络拦截了安全连接，也可能是这台电脑的日期和时间不对。请先核对电脑时间，再联系法院技术人员。</translation>
    </message>
    <message>
        <source>Move closer to the Wi-Fi router, stop other downloads, or use the court&apos;s wired terminal.</source>
        <translation>请靠近无线路由器，停止其他下载，或改用法院的有线网络终端。</translation>
    </message>
    <message>
        <source>Correct the PC clock (set the date and time to update automatically).</source>
        <translation>请校正电脑时间（把日期和时间设为自动同步）。</translation>
    </message>
    <message>
        <source>The problem is on the platform&apos;s side. Try again in a few minutes or call the platform&apos;s help line.</source>
        <translation>问题出在平台那边。请过几分钟再试，或拨打平台的客服电话。</translation>
    </message>
    <message>
        <source>Try the check again. If it keeps happening, ask court IT.</source>
        <translation>请再检测一次。如果还是这样，请联系法院技术人员。</translation>
    </message>
    <message>
        <source>If the hearing has trouble connecting, tell court IT that a proxy is in use.</source>
        <translation>如果庭审连接有问题，请告诉法院技术人员这台电脑在使用代理服务器。</translation>
    </message>
    <message>
        <source>Ask court IT to check this PC&apos;s proxy settings.</source>
        <translation>请联系法院技术人员检查这台电脑的代理设置。</translation>
    </message>
    <message>
        <source>The hearing may fall back to a slower connection or fail. Ask court IT to allow UDP for the platform.</source>
        <translation>庭审可能会改用较慢的连接方式，甚至无法进行。请联系法院技术人员为该平台开放 UDP。</translation>
    </message>
    <message>
        <source>Ask court IT to check the platform&apos;s test addresses in the settings.</source>
        <translation>请联系法院技术人员检查设置中的平台测试地址。</translation>
    </message>
    <message>
        <source>Name lookup (DNS)</source>
        <translation>域名解析（DNS）</translation>
    </message>
    <message>
        <source>Connection time</source>
        <translation>建立连接用时</translation>
    </message>
    <message>
        <source>Secure connection (TLS)</source>
        <translation>安全连接（TLS）</translation>
    </message>
    <message>
        <source>Certificate valid for (days)</source>
        <translation>证书剩余有效期（天）</translation>
    </message>
    <message>
        <source>Response time (median)</source>
        <translation>响应时间（中位数）</translation>
    </message>
    <message>
        <source>Response time (slowest 10%)</source>
        <translation>响应时间（最慢的10%）</translation>
    </message>
    <message>
        <source>Unsteadiness (jitter)</source>
        <translation>网络波动（抖动）</translation>
    </message>
    <message>
        <source>Failed requests</source>
        <translation>失败的请求</translation>
    </message>
    <message>
        <source>Download speed</source>
        <translation>下载速度</translation>
    </message>
    <message>
        <source>Upload speed</source>
        <translation>上传速度</translation>
    </message>
    <message>
        <source>PC clock difference</source>
        <translation>电脑时间误差</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理服务器</translation>
    </message>
    <message>
        <source>Video traffic (UDP) round trip</source>
        <translation>视频数据（UDP）往返时间</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
</context>
</TS>
