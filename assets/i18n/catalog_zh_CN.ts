<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>InstallPage</name>
    <message>
        <source>Steps of the guide</source>
        <translation>指引步骤</translation>
    </message>
    <message>
        <source>✓ &amp;Done</source>
        <translation>✓ 完成(&amp;D)</translation>
    </message>
    <message>
        <source>◀ &amp;Previous step</source>
        <translation>◀ 上一步(&amp;P)</translation>
    </message>
    <message>
        <source>Problem at this step</source>
        <translation>这一步遇到的问题</translation>
    </message>
    <message>
        <source>What happened (optional)</source>
        <translation>具体情况（可不填）</translation>
    </message>
    <message>
        <source>Problem note</source>
        <translation>问题说明</translation>
    </message>
    <message>
        <source>&amp;Record problem</source>
        <translation>记录问题(&amp;R)</translation>
    </message>
    <message>
        <source>✗ Did not &amp;work</source>
        <translation>✗ 没成功(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Skip this step</source>
        <translation>跳过这一步(&amp;S)</translation>
    </message>
    <message>
        <source>Pr&amp;oblem:</source>
        <translation>遇到问题(&amp;O)：</translation>
    </message>
    <message>
        <source>App install</source>
        <translation>安装应用</translation>
    </message>
    <message>
        <source>The clerk is helping you with this step.</source>
        <translation>工作人员正在帮您完成这一步。</translation>
    </message>
    <message>
        <source>Scan with the phone&apos;s camera</source>
        <translation>请用手机相机扫码</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Let the litigant scan this with the phone&apos;s camera</source>
        <translation>请当事人用手机相机扫这个二维码</translation>
    </message>
    <message>
        <source>No hearing platform has been chosen yet. Choose it on the intake step, then come back here.</source>
        <translation>还没有选择庭审平台。请先在“登记信息”一步选好平台，再回到这里。</translation>
    </message>
    <message>
        <source>The platform of this hearing (%1) is not in the catalog or is disabled. Ask court IT to check the catalog files.</source>
        <translation>本次庭审的平台（%1）不在平台目录中，或已被停用。请联系法院技术人员检查平台目录文件。</translation>
    </message>
    <message>
        <source>Choose the litigant&apos;s device on the intake step to see the install guide.</source>
        <translation>请先在“登记信息”一步选择当事人使用的设备，才能显示安装指引。</translation>
    </message>
    <message>
        <source>There is no install guide for %1 on this device yet. Help the litigant as usual, or skip this step.</source>
        <translation>暂时没有%1在这种设备上的安装指引。请按平时的做法帮助当事人，或跳过这一步。</translation>
    </message>
    <message>
        <source>Android phone</source>
        <translation>安卓手机</translation>
    </message>
    <message>
        <source>iPhone</source>
        <translation>苹果手机</translation>
    </message>
    <message>
        <source>Windows computer</source>
        <translation>Windows 电脑</translation>
    </message>
    <message>
        <source>Mac</source>
        <translation>苹果电脑</translation>
    </message>
    <message>
        <source>Install %1 on the litigant&apos;s %2</source>
        <translation>在当事人的%2上安装%1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>did not work</source>
        <translation>没成功</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未进行</translation>
    </message>
    <message>
        <source>— choose a problem —</source>
        <translation>— 选择遇到的问题 —</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>处理办法：%1</translation>
    </message>
    <message>
        <source>Describe the problem in the note and record it.</source>
        <translation>请在说明里写清楚情况，再点“记录问题”。</translation>
    </message>
    <message>
        <source>If something goes wrong, pick the problem to see what to do.</source>
        <translation>如果遇到问题，请选择问题，这里会显示处理办法。</translation>
    </message>
    <message>
        <source>Recorded at this step: %1</source>
        <translation>这一步已记录：%1</translation>
    </message>
</context>
<context>
    <name>InvitationBox</name>
    <message>
        <source>Paste the invitation text from WeChat or the text message here</source>
        <translation>把微信或短信里的会议邀请整段粘贴到这里</translation>
    </message>
    <message>
        <source>Invitation text</source>
        <translation>会议邀请内容</translation>
    </message>
    <message>
        <source>&amp;Read invitation</source>
        <translation>识别邀请(&amp;R)</translation>
    </message>
    <message>
        <source>Paste from clipboar&amp;d</source>
        <translation>从剪贴板粘贴(&amp;D)</translation>
    </message>
    <message>
        <source>Or read the details from an invitation:</source>
        <translation>也可以从会议邀请里自动识别：</translation>
    </message>
    <message>
        <source>link</source>
        <translation>会议链接</translation>
    </message>
    <message>
        <source>meeting ID</source>
        <translation>会议号</translation>
    </message>
    <message>
        <source>passcode</source>
        <translation>会议密码</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>已识别：%1</translation>
    </message>
    <message>
        <source>No meeting link or ID found in this text; type them in instead.</source>
        <translation>这段文字里没有找到会议链接或会议号，请手动填写。</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Meeting &amp;ID:</source>
        <translation>会议号(&amp;I)：</translation>
    </message>
    <message>
        <source>Pass&amp;code:</source>
        <translation>会议密码(&amp;C)：</translation>
    </message>
    <message>
        <source>leave empty if none</source>
        <translation>没有密码就不填</translation>
    </message>
    <message>
        <source>&amp;Meeting link:</source>
        <translation>会议链接(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Open on this PC</source>
        <translation>在本机打开(&amp;O)</translation>
    </message>
    <message>
        <source>✓ The litigant has &amp;joined</source>
        <translation>✓ 当事人已入会(&amp;J)</translation>
    </message>
    <message>
        <source>✗ Joining did not &amp;work</source>
        <translation>✗ 入会没成功(&amp;W)</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>进入庭审</translation>
    </message>
    <message>
        <source>Platform: %1</source>
        <translation>平台：%1</translation>
    </message>
    <message>
        <source>No platform chosen on the intake step; the details are checked only loosely.</source>
        <translation>登记时没有选择平台，会议信息只做粗略检查。</translation>
    </message>
    <message>
        <source>Meeting ID: %1</source>
        <translation>会议号：%1</translation>
    </message>
    <message>
        <source>Passcode: %1</source>
        <translation>会议密码：%1</translation>
    </message>
    <message>
        <source>The clerk is entering the meeting details.</source>
        <translation>工作人员正在填写会议信息。</translation>
    </message>
    <message>
        <source>Join the hearing</source>
        <translation>进入庭审</translation>
    </message>
    <message>
        <source>Scan with the phone&apos;s camera to join</source>
        <translation>请用手机相机扫码入会</translation>
    </message>
    <message>
        <source>Let the litigant scan this with the phone&apos;s camera to join.</source>
        <translation>请当事人用手机相机扫这个二维码入会。</translation>
    </message>
    <message>
        <source>The join QR code appears here once a valid link is entered.</source>
        <translation>填好正确的会议链接后，这里会显示入会二维码。</translation>
    </message>
    <message>
        <source>meeting ID</source>
        <translation>会议号</translation>
    </message>
    <message>
        <source>passcode</source>
        <translation>会议密码</translation>
    </message>
    <message>
        <source>This link was not opened: only web addresses starting with https:// or http:// can be opened.</source>
        <translation>没有打开这个链接：只能打开以 https:// 或 http:// 开头的网址。</translation>
    </message>
    <message>
        <source>Opened on this PC. When the litigant is in the meeting, press “The litigant has joined”.</source>
        <translation>已在本机打开。当事人进入会议后，请点“当事人已入会”。</translation>
    </message>
    <message>
        <source>The link could not be opened on this PC; check that a web browser is installed.</source>
        <translation>本机打不开这个链接，请检查电脑上是否装有浏览器。</translation>
    </message>
    <message>
        <source>Attempts so far: %1.</source>
        <translation>已尝试入会 %1 次。</translation>
    </message>
    <message>
        <source>Joined at %1.</source>
        <translation>%1 已入会。</translation>
    </message>
    <message>
        <source>Correct the %1 first: the join slip would be printed without it.</source>
        <translation>请先改正%1：否则入会提示单上将没有这一项。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Enter the meeting link or the meeting ID first.</source>
        <translation>请先填写会议链接或会议号。</translation>
    </message>
    <message>
        <source>meeting link</source>
        <translation>会议链接</translation>
    </message>
</context>
<context>
    <name>JoinSlip</name>
    <message>
        <source>Open WeChat and search for the mini-program &quot;%1&quot;.</source>
        <translation>打开微信，搜索小程序“%1”。</translation>
    </message>
    <message>
        <source>Sign in with the phone number the court has on file.</source>
        <translation>用在法院登记的手机号登录。</translation>
    </message>
    <message>
        <source>Find this case and enter the hearing.</source>
        <translation>找到本案，进入庭审。</translation>
    </message>
    <message>
        <source>Scan the QR code with the phone&apos;s camera, or open the link.</source>
        <translation>用手机相机扫右上方二维码，或打开会议链接。</translation>
    </message>
    <message>
        <source>Open %1 and tap &quot;Join meeting&quot;; enter the meeting ID.</source>
        <translation>打开“%1”，点“加入会议”，输入会议号。</translation>
    </message>
    <message>
        <source>Enter the meeting ID if you are asked for it.</source>
        <translation>如果要求输入会议号，就输入上面的会议号。</translation>
    </message>
    <message>
        <source>Enter the passcode when asked.</source>
        <translation>提示输入密码时，输入上面的会议密码。</translation>
    </message>
    <message>
        <source>Use your real name; allow the camera and the microphone.</source>
        <translation>名字填本人真实姓名；手机询问时，允许使用摄像头和麦克风。</translation>
    </message>
    <message>
        <source>Join 10 minutes early, somewhere quiet and well lit.</source>
        <translation>请提前10分钟，在安静、光线好的地方入会。</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Hearing time</source>
        <translation>开庭时间</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>庭审平台</translation>
    </message>
    <message>
        <source>Meeting ID</source>
        <translation>会议号</translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation>会议密码</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Help desk: %1</source>
        <translation>遇到困难请拨打导诉台电话：%1</translation>
    </message>
    <message>
        <source>%1 helpline: %2</source>
        <translation>%1服务电话：%2</translation>
    </message>
    <message>
        <source>Online hearing: how to join</source>
        <translation>网上开庭入会提示单</translation>
    </message>
    <message>
        <source>Scan to join the hearing</source>
        <translation>扫码进入庭审</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>入会步骤</translation>
    </message>
</context>
<context>
    <name>SlipPanel</name>
    <message>
        <source>Paper size</source>
        <translation>纸张大小</translation>
    </message>
    <message>
        <source>&amp;Save join slip (PDF)…</source>
        <translation>保存入会提示单(PDF)(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Print join slip…</source>
        <translation>打印入会提示单(&amp;P)…</translation>
    </message>
    <message>
        <source>P&amp;aper:</source>
        <translation>纸张(&amp;A)：</translation>
    </message>
    <message>
        <source>The join slip was not saved: %1 is in the app&apos;s data folder or is one of its files. Choose another folder.</source>
        <translation>未保存入会单：%1 位于本软件的数据文件夹中，或就是其中的文件。请另选文件夹。</translation>
    </message>
    <message>
        <source>Join slip saved: %1</source>
        <translation>入会提示单已保存：%1</translation>
    </message>
    <message>
        <source>The join slip could not be saved to %1; choose another folder.</source>
        <translation>入会提示单无法保存到 %1，请换一个文件夹。</translation>
    </message>
    <message>
        <source>join-slip</source>
        <translation>入会提示单</translation>
    </message>
    <message>
        <source>Save join slip</source>
        <translation>保存入会提示单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Printing failed; check the printer.</source>
        <translation>打印失败，请检查打印机。</translation>
    </message>
</context>
<context>
    <name>catalog</name>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>The link is too long ({length} characters, at most {max}).</source>
        <translation>链接太长（{length} 个字符，最多 {max} 个）。</translation>
    </message>
    <message>
        <source>The link must be on one line; paste only the address.</source>
        <translation>链接只能有一行，请只粘贴网址。</translation>
    </message>
    <message>
        <source>Only web addresses starting with https:// or http:// can be used (this one starts with {scheme}:).</source>
        <translation>只能使用以 https:// 或 http:// 开头的网址（这个是以 {scheme}: 开头的）。</translation>
    </message>
    <message>
        <source>This is not a web address. Expected something like https://…</source>
        <translation>这不是网址，应当像 https://… 这样。</translation>
    </message>
    <message>
        <source>The address contains look-alike or invisible characters; copy the link again from the original invitation.</source>
        <translation>网址里有形似字符或看不见的字符，请从原始邀请里重新复制链接。</translation>
    </message>
    <message>
        <source>This does not look like a {platform} meeting link; check the platform.</source>
        <translation>这不像是{platform}的会议链接，请核对庭审平台。</translation>
    </message>
    <message>
        <source>The meeting ID may contain only digits (spaces and dashes are fine).</source>
        <translation>会议号只能是数字（可以带空格或短横线）。</translation>
    </message>
    <message>
        <source>A {platform} meeting ID has {expected} digits; this one has {length}.</source>
        <translation>{platform}的会议号是 {expected} 位数字，现在是 {length} 位。</translation>
    </message>
    <message>
        <source>The passcode may contain only letters and digits, without spaces.</source>
        <translation>会议密码只能是字母和数字，不能有空格。</translation>
    </message>
    <message>
        <source>A {platform} passcode is digits only.</source>
        <translation>{platform}的会议密码只能是数字。</translation>
    </message>
    <message>
        <source>A {platform} passcode has {expected} characters; this one has {length}.</source>
        <translation>{platform}的会议密码是 {expected} 位，现在是 {length} 位。</translation>
    </message>
    <message>
        <source>Not enough storage on the phone</source>
        <translation>手机存储空间不够</translation>
    </message>
    <message>
        <source>App store asks for a password</source>
        <translation>应用商店要求输入密码</translation>
    </message>
    <message>
        <source>Phone too old for the app</source>
        <translation>手机太旧，装不了App</translation>
    </message>
    <message>
        <source>Mini-program not found in WeChat</source>
        <translation>微信里搜不到小程序</translation>
    </message>
    <message>
        <source>Camera or microphone permission denied</source>
        <translation>没有允许使用摄像头或麦克风</translation>
    </message>
    <message>
        <source>SMS verification code not received</source>
        <translation>收不到短信验证码</translation>
    </message>
    <message>
        <source>WeChat not installed or not signed in</source>
        <translation>没有微信或微信未登录</translation>
    </message>
    <message>
        <source>No mobile data or Wi-Fi</source>
        <translation>没有移动数据或无线网</translation>
    </message>
    <message>
        <source>Other problem</source>
        <translation>其他问题</translation>
    </message>
</context>
</TS>
