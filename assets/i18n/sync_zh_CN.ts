<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CentralSettingsDialog</name>
    <message>
        <source>Central database settings</source>
        <translation>中心数据库设置</translation>
    </message>
    <message>
        <source>Central database address</source>
        <translation>中心数据库地址</translation>
    </message>
    <message>
        <source>Desk name</source>
        <translation>窗口名称</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Desk &amp;name:</source>
        <translation>窗口名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Leave the address empty for a desk that works alone. The password is never entered here: court IT stores it in this PC&apos;s keyring.</source>
        <translation>单独使用的窗口请将地址留空。密码不在此处填写：由法院信息技术人员保存在本机的系统密钥环中。</translation>
    </message>
    <message>
        <source>Not a usable address: expected postgresql://user@host:port/dbname, without a password.</source>
        <translation>地址不可用：应为 postgresql://用户@主机:端口/数据库名，且不含密码。</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts on the central database</source>
        <translation>中心数据库中的冲突</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Litigant</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reading the central database…</source>
        <translation>正在读取中心数据库…</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Central database&apos;s copy</source>
        <translation>中心数据库的副本</translation>
    </message>
    <message>
        <source>This desk&apos;s copy</source>
        <translation>本服务台的副本</translation>
    </message>
    <message>
        <source>Keep the central database&apos;s copy</source>
        <translation>保留中心数据库的副本</translation>
    </message>
    <message>
        <source>Keep this desk&apos;s copy</source>
        <translation>保留本服务台的副本</translation>
    </message>
    <message>
        <source>%1 conflict(s). Compare the two copies and keep the right one.</source>
        <translation>共 %1 项冲突。请比较两份副本并保留正确的一份。</translation>
    </message>
    <message>
        <source>No conflicts: the central database agrees with this desk.</source>
        <translation>没有冲突：中心数据库与本服务台一致。</translation>
    </message>
    <message>
        <source>The central database cannot be read now: %1</source>
        <translation>目前无法读取中心数据库：%1</translation>
    </message>
    <message>
        <source>This is an audit or export entry: court IT checks it on the central database (see the README).</source>
        <translation>这是审计或导出条目：由法院信息技术人员在中心数据库上核查（见使用说明）。</translation>
    </message>
    <message>
        <source>Saving the chosen copy and sending it…</source>
        <translation>正在保存所选副本并发送…</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <source>&amp;Details for court IT</source>
        <translation>技术详情（供信息部门）(&amp;D)</translation>
    </message>
    <message>
        <source>This desk:</source>
        <translation>本窗口：</translation>
    </message>
    <message>
        <source>Central database:</source>
        <translation>中心数据库：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Waiting:</source>
        <translation>待发送：</translation>
    </message>
    <message>
        <source>Last complete send:</source>
        <translation>最近一次全部发送：</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>时钟：</translation>
    </message>
    <message>
        <source>Catalog:</source>
        <translation>平台目录：</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>修改(&amp;C)…</translation>
    </message>
    <message>
        <source>C&amp;onflicts…</source>
        <translation>冲突(&amp;O)…</translation>
    </message>
    <message>
        <source>no name yet (Change… gives it one)</source>
        <translation>尚未命名（可在“修改…”中设置）</translation>
    </message>
    <message>
        <source>none: this desk works alone</source>
        <translation>无：本窗口单独使用</translation>
    </message>
    <message>
        <source>%1 (given on the command line)</source>
        <translation>%1（由启动参数指定）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>not compared: the server was not reached</source>
        <translation>未比对：无法连接服务器</translation>
    </message>
    <message>
        <source>not compared yet: at the next send</source>
        <translation>尚未比对：下次发送时比对</translation>
    </message>
    <message>
        <source>%1 s off the server&apos;s clock</source>
        <translation>与服务器时钟相差 %1 秒</translation>
    </message>
    <message>
        <source>the one shipped with the program (court IT has published none yet)</source>
        <translation>程序自带的目录（法院信息部门尚未发布）</translation>
    </message>
    <message>
        <source>court version %1, published %2 by %3</source>
        <translation>法院发布的第 %1 版，%2 由 %3 发布</translation>
    </message>
    <message>
        <source>Version %1 from the central database was refused: its files have problems (Details for court IT). This desk keeps using the catalog above.</source>
        <translation>中心数据库的第 %1 版目录未被采用：其文件有问题（见“技术详情（供信息部门）”）。本窗口继续使用上面的目录。</translation>
    </message>
    <message>
        <source>Desk id: %1</source>
        <translation>本窗口编号：%1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>change the central database</source>
        <translation>修改中心数据库</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Central database status</source>
        <translation>中心数据库状态</translation>
    </message>
    <message>
        <source>Open the central database page</source>
        <translation>打开中心数据库页面</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>settle conflicts</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Central database…</source>
        <translation>中心数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>C&amp;onflicts…</source>
        <translation>冲突(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>Central database: checking…</source>
        <translation>中心数据库：正在检查…</translation>
    </message>
    <message>
        <source>%1 conflicting item(s) on the central database</source>
        <translation>中心数据库有 %1 条冲突</translation>
    </message>
    <message>
        <source>Server unreachable since %1 · %2 waiting</source>
        <translation>自 %1 起无法连接服务器 · %2 条待发送</translation>
    </message>
    <message>
        <source>%1 waiting to be sent</source>
        <translation>%1 条待发送</translation>
    </message>
    <message>
        <source>All sent to the central database</source>
        <translation>已全部发送到中心数据库</translation>
    </message>
    <message>
        <source>%1 item(s) set aside: the central database refused them</source>
        <translation>%1 项已搁置：中心数据库拒收</translation>
    </message>
    <message>
        <source>Set aside (not sent; court IT checks the reason, then runs hearing-helper sync --retry-held):</source>
        <translation>已搁置（未发送；由法院信息技术人员查明原因后运行 hearing-helper sync --retry-held）：</translation>
    </message>
    <message>
        <source>this PC&apos;s clock is %1 min off</source>
        <translation>本机时钟偏差 %1 分钟</translation>
    </message>
    <message>
        <source>catalog version %1 refused</source>
        <translation>目录第 %1 版未被采用</translation>
    </message>
    <message>
        <source>The central database cannot be reached: check the network cable or Wi-Fi, or ask court IT whether the server is running. Records are kept on this PC and sent automatically later.</source>
        <translation>无法连接中心数据库：请检查网线或无线网络，或询问法院信息技术人员服务器是否在运行。记录已保存在本机，稍后会自动发送。</translation>
    </message>
    <message>
        <source>The central database refused this desk&apos;s password. Court IT stores the right one on this PC (hearing-helper server remember-password).</source>
        <translation>中心数据库拒绝了本窗口的密码。请法院信息技术人员在本机保存正确的密码（hearing-helper server remember-password）。</translation>
    </message>
    <message>
        <source>The central database is not set up for this version. Court IT runs hearing-helper server init.</source>
        <translation>中心数据库尚未按本版本设置。请法院信息技术人员运行 hearing-helper server init。</translation>
    </message>
    <message>
        <source>The central database does not allow this desk&apos;s login to send these records. Ask court IT to check the desk&apos;s login.</source>
        <translation>中心数据库不允许本窗口的账号发送这些记录。请法院信息技术人员检查本窗口的账号。</translation>
    </message>
    <message>
        <source>Sending failed. Court IT can read the details below.</source>
        <translation>发送失败。法院信息技术人员可查看下方详情。</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>本窗口</translation>
    </message>
    <message>
        <source>The court (all desks)</source>
        <translation>全院（所有窗口）</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
</context>
</TS>
