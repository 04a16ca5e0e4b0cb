<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssistanceWizard</name>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>S&amp;kip step…</source>
        <translation>跳过此步(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;End early…</source>
        <translation>提前结束(&amp;E)…</translation>
    </message>
    <message>
        <source>Save and c&amp;lose</source>
        <translation>保存并关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Keep this assistance as unfinished and go back</source>
        <translation>保留为未完成的协助，返回首页</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>Step %1: %2, %3</source>
        <translation>第%1步：%2，%3</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>Fi&amp;nish and save</source>
        <translation>完成并保存(&amp;N)</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct record</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>e.g. wrong case number typed</source>
        <translation>例如：案号录入错误</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>R&amp;eason for the correction (required):</source>
        <translation>更正原因（必填）(&amp;E)：</translation>
    </message>
    <message>
        <source>Save as new &amp;version</source>
        <translation>另存为新版本(&amp;V)</translation>
    </message>
    <message>
        <source>Please say why the record is corrected.</source>
        <translation>请填写更正原因。</translation>
    </message>
</context>
<context>
    <name>DeskSettings</name>
    <message>
        <source>change the desk settings</source>
        <translation>修改服务台设置</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>The settings were not changed: %1</source>
        <translation>设置未更改：%1</translation>
    </message>
    <message>
        <source>About Hearing Helper</source>
        <translation>关于庭审协助助手</translation>
    </message>
    <message>
        <source>Hearing Helper %1
Data folder: %2
Log file: %3</source>
        <translation>庭审协助助手 %1
数据文件夹：%2
日志文件：%3</translation>
    </message>
</context>
<context>
    <name>DraftSaving</name>
    <message>
        <source>NOT saved: %1</source>
        <translation>未能保存：%1</translation>
    </message>
    <message>
        <source>Kept on this PC %1; waiting for the server</source>
        <translation>已于 %1 保存在本机，等待服务器</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <source>Unfinished assistances</source>
        <translation>未完成的协助</translation>
    </message>
    <message>
        <source>These assistances were not finished (for example the PC was switched off). Everything typed was saved. Resume one now, or keep them for later.</source>
        <translation>以下协助没有完成（例如电脑曾被关机），已录入的内容都已保存。可以现在继续，也可以留待以后处理。</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Keep for later</source>
        <translation>以后再说(&amp;K)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3
started %4 by %5 · at step: %6</source>
        <translation>%1 · %2 · %3
%4 由%5开始 · 停在：%6</translation>
    </message>
    <message>
        <source>(no case number)</source>
        <translation>（无案号）</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无姓名）</translation>
    </message>
    <message>
        <source>phone entered</source>
        <translation>已填电话</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>未填电话</translation>
    </message>
    <message>
        <source>Discard unfinished assistance?</source>
        <translation>删除未完成的协助？</translation>
    </message>
    <message>
        <source>Discard the assistance for %1? What was typed is deleted; the discarding is recorded in the audit log. This cannot be undone.</source>
        <translation>确定删除“%1”的协助吗？已录入的内容将被删除，删除操作会记入审计日志，无法撤销。</translation>
    </message>
</context>
<context>
    <name>EndEarlyDialog</name>
    <message>
        <source>End assistance early</source>
        <translation>提前结束协助</translation>
    </message>
    <message>
        <source>The remaining steps are left as they are. On the last page you can still ask for satisfaction and add notes before saving.</source>
        <translation>其余步骤保持现状。保存前，还可以在最后一页询问满意度、填写备注。</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason not joined</source>
        <translation>未能参加的原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>No&amp;te:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;End and go to Finish</source>
        <translation>结束并转到“完成”(&amp;E)</translation>
    </message>
    <message>
        <source>Choose why the litigant did not join.</source>
        <translation>请选择当事人未能参加庭审的原因。</translation>
    </message>
</context>
<context>
    <name>FinishFlow</name>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The record could not be finished: %1
The draft is kept.</source>
        <translation>记录无法完成：%1
草稿已保留。</translation>
    </message>
    <message>
        <source>Not completed when the assistance was finished</source>
        <translation>结束协助时尚未完成</translation>
    </message>
    <message>
        <source>Some details are missing</source>
        <translation>还有信息没填好</translation>
    </message>
    <message>
        <source>The record cannot be finished yet. Please check:</source>
        <translation>记录还不能完成，请检查：</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>&amp;Why not joined:</source>
        <translation>未参加原因(&amp;W)：</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>结果(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Cause:</source>
        <translation>具体原因(&amp;C)：</translation>
    </message>
    <message>
        <source>S&amp;atisfaction:</source>
        <translation>满意度(&amp;A)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>结束时间：</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>用时：</translation>
    </message>
    <message>
        <source>%1 (set when you press Finish)</source>
        <translation>%1（点“完成”时记录）</translation>
    </message>
    <message>
        <source>Thank you for your answer.</source>
        <translation>谢谢您的评价。</translation>
    </message>
    <message>
        <source>Please press one of the five answers below.</source>
        <translation>请按下面五个选项中的一个。</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>谢谢您</translation>
    </message>
    <message>
        <source>How satisfied are you with our help?</source>
        <translation>您对我们的帮助满意吗？</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
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
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>(platform no longer listed)</source>
        <translation>（平台已不在列表中）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Search case number, litigant name or phone</source>
        <translation>按案号、当事人姓名或电话查找</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>查找(&amp;S)：</translation>
    </message>
    <message>
        <source>Date fro&amp;m</source>
        <translation>日期从(&amp;M)</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>按日期筛选</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Outcome filter</source>
        <translation>按结果筛选</translation>
    </message>
    <message>
        <source>Finished and unfinished</source>
        <translation>已完成和未完成</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Assistance history</source>
        <translation>协助记录</translation>
    </message>
    <message>
        <source>Result count</source>
        <translation>结果数量</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 records; narrow the search to see more.</source>
        <translation>共 %2 条，只显示前 %1 条；请缩小查找范围。</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>Nothing matches this search. Try fewer words or another date range.</source>
        <translation>没有找到符合条件的记录。请少输几个字，或换个日期范围。</translation>
    </message>
    <message>
        <source>No assistance records yet.
Press “New assistance” to help the first litigant.</source>
        <translation>还没有协助记录。
点“新建协助”开始帮助第一位当事人。</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>查找失败：%1</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>Settings notice</source>
        <translation>设置提示</translation>
    </message>
    <message>
        <source>Clerk at the desk</source>
        <translation>当班工作人员</translation>
    </message>
    <message>
        <source>Change &amp;clerk…</source>
        <translation>更换工作人员(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;New assistance</source>
        <translation>新建协助(&amp;N)</translation>
    </message>
    <message>
        <source>New assistance</source>
        <translation>新建协助</translation>
    </message>
    <message>
        <source>History</source>
        <translation>协助记录</translation>
    </message>
    <message>
        <source>Looking up the clerk at this desk…</source>
        <translation>正在读取本窗口的工作人员…</translation>
    </message>
    <message>
        <source>No clerk chosen yet — press “Change clerk”.</source>
        <translation>还没有选择工作人员，请点“更换工作人员”。</translation>
    </message>
    <message>
        <source>Clerk: %1 (%2) · Desk: %3 · %4</source>
        <translation>工作人员：%1（%2）· 窗口：%3 · %4</translation>
    </message>
    <message>
        <source>no permission to read it</source>
        <translation>没有读取权限</translation>
    </message>
    <message>
        <source>a folder is in its place</source>
        <translation>该位置是一个文件夹</translation>
    </message>
    <message>
        <source>its content is damaged</source>
        <translation>文件内容已损坏</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>The settings file could not be read (%1), so Hearing Helper started with default settings; the file was kept unchanged as %2 for court IT.</source>
        <translation>设置文件无法读取（%1），庭审协助助手已使用默认设置启动；原文件未作改动，已另存为 %2，请交法院技术人员处理。</translation>
    </message>
    <message>
        <source>The settings file %2 could not be read (%1), so Hearing Helper started with default settings; changes cannot be saved until court IT repairs it.</source>
        <translation>设置文件 %2 无法读取（%1），庭审协助助手已使用默认设置启动；在法院技术人员修复之前，设置更改无法保存。</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>&amp;Case number:</source>
        <translation>案号(&amp;C)：</translation>
    </message>
    <message>
        <source>Hearing date</source>
        <translation>开庭日期</translation>
    </message>
    <message>
        <source>Hearing time</source>
        <translation>开庭时间</translation>
    </message>
    <message>
        <source>C&amp;ourt:</source>
        <translation>法院(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>庭审平台(&amp;P)：</translation>
    </message>
    <message>
        <source>No hearing platforms are set up yet; ask court IT to add the catalog.</source>
        <translation>还没有设置庭审平台，请联系法院信息技术人员添加平台目录。</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>诉讼身份(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Device used:</source>
        <translation>使用设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Hearing date and ti&amp;me:</source>
        <translation>开庭日期和时间(&amp;M)：</translation>
    </message>
    <message>
        <source>Visit t&amp;ype:</source>
        <translation>来访类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>Litigant n&amp;ame:</source>
        <translation>当事人姓名(&amp;A)：</translation>
    </message>
    <message>
        <source>Phone n&amp;umber:</source>
        <translation>联系电话(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Special needs:</source>
        <translation>特殊需要(&amp;S)：</translation>
    </message>
    <message>
        <source>The litigant agrees that these details are recorded for this ass&amp;istance</source>
        <translation>当事人同意为本次协助记录以上信息(&amp;I)</translation>
    </message>
    <message>
        <source>Consent to record personal data</source>
        <translation>同意记录个人信息</translation>
    </message>
    <message>
        <source>e.g. the litigant declined</source>
        <translation>例如：当事人不同意</translation>
    </message>
    <message>
        <source>Reason consent was not given</source>
        <translation>未取得同意的原因</translation>
    </message>
    <message>
        <source>Reason &amp;without consent:</source>
        <translation>未同意原因(&amp;W)：</translation>
    </message>
    <message>
        <source>Please have your phone and ID card ready.</source>
        <translation>请准备好您的手机和身份证。</translation>
    </message>
    <message>
        <source>Your hearing: %1</source>
        <translation>您的开庭时间：%1</translation>
    </message>
    <message>
        <source>Platform: %1</source>
        <translation>庭审平台：%1</translation>
    </message>
    <message>
        <source>Welcome to the help desk</source>
        <translation>欢迎来到导诉服务台</translation>
    </message>
</context>
<context>
    <name>KeyboardDialog</name>
    <message>
        <source>Keyboard</source>
        <translation>键盘操作</translation>
    </message>
    <message>
        <source>Everything in Hearing Helper works with the keyboard alone.</source>
        <translation>庭审协助助手的所有操作都可以只用键盘完成。</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>LitigantScreen</name>
    <message>
        <source>Welcome to the help desk</source>
        <translation>欢迎来到导诉服务台</translation>
    </message>
    <message>
        <source>The clerk will help you join your online hearing.</source>
        <translation>工作人员会帮您参加网上庭审。</translation>
    </message>
    <message>
        <source>Reading aloud is not available right now; the clerk will read it to you.</source>
        <translation>现在无法朗读，工作人员会读给您听。</translation>
    </message>
</context>
<context>
    <name>LitigantWindow</name>
    <message>
        <source>Hearing Helper — for the litigant</source>
        <translation>庭审协助助手 — 当事人屏幕</translation>
    </message>
    <message>
        <source>▶ Read aloud</source>
        <translation>▶ 朗读</translation>
    </message>
    <message>
        <source>Reads the instruction aloud (clerk: Ctrl+R)</source>
        <translation>朗读屏幕上的提示（工作人员：Ctrl+R）</translation>
    </message>
    <message>
        <source>F11: full screen</source>
        <translation>F11：全屏</translation>
    </message>
    <message>
        <source>Welcome to the help desk</source>
        <translation>欢迎来到导诉服务台</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;New assistance</source>
        <translation>新建协助(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Unfinished assistances…</source>
        <translation>未完成的协助(&amp;U)…</translation>
    </message>
    <message>
        <source>Change &amp;clerk…</source>
        <translation>更换工作人员(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Litigant screen</source>
        <translation>当事人屏幕(&amp;L)</translation>
    </message>
    <message>
        <source>Show the large-text window for the litigant (drag it to a second screen)</source>
        <translation>打开给当事人看的大字窗口（可拖到第二块屏幕）</translation>
    </message>
    <message>
        <source>&amp;Read aloud for the litigant</source>
        <translation>为当事人朗读(&amp;R)</translation>
    </message>
    <message>
        <source>Reads the litigant screen&apos;s instruction aloud in Mandarin</source>
        <translation>用普通话朗读当事人屏幕上的提示</translation>
    </message>
    <message>
        <source>Litigant screen &amp;full screen</source>
        <translation>当事人屏幕全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>统计报表(&amp;R)…</translation>
    </message>
    <message>
        <source>Reports arrive in a later version</source>
        <translation>统计报表将在后续版本提供</translation>
    </message>
    <message>
        <source>&amp;Keyboard…</source>
        <translation>键盘操作(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hearing Helper</source>
        <translation>庭审协助助手</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Choose the clerk profile to start.</source>
        <translation>请先选择工作人员。</translation>
    </message>
    <message>
        <source>The database cannot be reached; drafts kept on this PC are shown.</source>
        <translation>无法连接数据库；现显示保存在本机的草稿。</translation>
    </message>
    <message>
        <source>Unfinished assistances</source>
        <translation>未完成的协助</translation>
    </message>
    <message>
        <source>There are no unfinished assistances.</source>
        <translation>没有未完成的协助。</translation>
    </message>
    <message>
        <source>Finish or close the open assistance before starting a new one.</source>
        <translation>请先完成或关闭当前的协助，再新建。</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Cannot open the record</source>
        <translation>无法打开记录</translation>
    </message>
    <message>
        <source>Finished: %1; kept on this PC until the server takes it</source>
        <translation>已完成：%1；在服务器接收前保存在本机</translation>
    </message>
    <message>
        <source>Unfinished assistance</source>
        <translation>未完成的协助</translation>
    </message>
    <message>
        <source>This assistance is not finished yet. Resume it now?</source>
        <translation>这次协助还没有完成，现在继续吗？</translation>
    </message>
</context>
<context>
    <name>PendingStatusLabel</name>
    <message>
        <source>Records waiting for the server</source>
        <translation>等待服务器接收的记录</translation>
    </message>
    <message>
        <source>%1 waiting for the server; kept on this PC</source>
        <translation>%1 项等待服务器接收，已保存在本机</translation>
    </message>
    <message>
        <source>%1 refused by the database; kept in %2</source>
        <translation>%1 项被数据库拒收，已保存在 %2</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Clerk profile</source>
        <translation>工作人员信息</translation>
    </message>
    <message>
        <source>Who is at the desk today? Choose your name, or fill in a new profile.</source>
        <translation>今天谁当班？请选择您的名字，或填写新的工作人员信息。</translation>
    </message>
    <message>
        <source>Welcome! Please fill in your profile once; it is remembered.</source>
        <translation>欢迎使用！请填写一次您的信息，之后会自动记住。</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>新工作人员…</translation>
    </message>
    <message>
        <source>Known clerks</source>
        <translation>已有的工作人员</translation>
    </message>
    <message>
        <source>&amp;Clerk:</source>
        <translation>工作人员(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>&amp;Staff ID:</source>
        <translation>工号(&amp;S)：</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>&amp;Desk:</source>
        <translation>窗口(&amp;D)：</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>C&amp;ourt:</source>
        <translation>法院(&amp;O)：</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Please enter your name (1 to 50 characters, no digits).</source>
        <translation>请填写姓名（1到50个字，不含数字）。</translation>
    </message>
    <message>
        <source>Please enter your staff ID (as on your badge).</source>
        <translation>请填写工号（与工作证一致）。</translation>
    </message>
</context>
<context>
    <name>RatingPromptBox</name>
    <message>
        <source>No rating yet</source>
        <translation>尚未评价</translation>
    </message>
    <message>
        <source>The litigant has not rated the help yet. Please ask them to choose 1 to 5 on the litigant screen (or the keypad).</source>
        <translation>当事人还没有评价本次协助。请让当事人在当事人屏幕（或小键盘）上选择 1 到 5。</translation>
    </message>
    <message>
        <source>&amp;Ask now</source>
        <translation>现在询问(&amp;A)</translation>
    </message>
    <message>
        <source>The litigant &amp;declined</source>
        <translation>当事人不愿评价(&amp;D)</translation>
    </message>
    <message>
        <source>Finish &amp;without asking</source>
        <translation>不询问，直接完成(&amp;W)</translation>
    </message>
</context>
<context>
    <name>ReadAloud</name>
    <message>
        <source>Cannot read aloud: the speech service (speech-dispatcher) does not answer.</source>
        <translation>无法朗读：语音服务（speech-dispatcher）没有响应。</translation>
    </message>
    <message>
        <source>Cannot read aloud: no Chinese voice is installed.</source>
        <translation>无法朗读：这台电脑没有安装中文语音。</translation>
    </message>
    <message>
        <source>Cannot read aloud: no speech engine works on this computer.</source>
        <translation>无法朗读：这台电脑没有可用的语音引擎。</translation>
    </message>
    <message>
        <source>The speech service (speech-dispatcher) does not answer, so nothing can be read aloud. Restart the computer or ask court IT.</source>
        <translation>语音服务（speech-dispatcher）没有响应，暂时无法朗读。请重启电脑或联系法院信息技术人员。</translation>
    </message>
    <message>
        <source>No Chinese voice is installed on this computer, so nothing can be read aloud. Ask court IT to add one (Windows: Settings &gt; Time &amp; language &gt; Speech &gt; Add voices, Chinese (Simplified, China); Linux: the packages speech-dispatcher, speech-dispatcher-espeak-ng and espeak-ng).</source>
        <translation>这台电脑没有安装中文语音，无法朗读。请联系法院信息技术人员安装（Windows：设置 &gt; 时间和语言 &gt; 语音 &gt; 添加语音，选择“中文(简体，中国)”；Linux：安装 speech-dispatcher、speech-dispatcher-espeak-ng 和 espeak-ng）。</translation>
    </message>
    <message>
        <source>Reading aloud is not available on this computer (no speech engine works). Ask court IT to install one (Linux: speech-dispatcher and espeak-ng).</source>
        <translation>这台电脑无法朗读（没有可用的语音引擎）。请联系法院信息技术人员安装（Linux：speech-dispatcher 和 espeak-ng）。</translation>
    </message>
</context>
<context>
    <name>RecordDetailDialog</name>
    <message>
        <source>Assistance record</source>
        <translation>协助记录</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Record details</source>
        <translation>记录详情</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>Save a corrected copy as a new version (the original is kept)</source>
        <translation>把更正后的内容另存为新版本（原记录保留）</translation>
    </message>
    <message>
        <source>&amp;Show full name and phone…</source>
        <translation>显示完整姓名和电话(&amp;S)…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Version %1 — corrected %2 by %3: %4</source>
        <translation>第%1版 — %2 由%3更正：%4</translation>
    </message>
    <message>
        <source>Version %1 — finished %2 by %3</source>
        <translation>第%1版 — %2 由%3完成</translation>
    </message>
    <message>
        <source>Unfinished draft (no versions yet)</source>
        <translation>未完成的草稿（尚无版本）</translation>
    </message>
    <message>
        <source>see the litigant&apos;s full name and phone number</source>
        <translation>查看当事人的完整姓名和电话</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>未显示</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 · clerk %2 (%3) · desk %4</source>
        <translation>%1 · 工作人员 %2（%3）· 窗口 %4</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>登记信息</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Check results</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>遇到的问题</translation>
    </message>
    <message>
        <source>The litigant declined</source>
        <translation>当事人不愿评价</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未询问</translation>
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
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>SatisfactionScale</name>
    <message>
        <source>Satisfaction %1 of 5</source>
        <translation>满意度 %1 分（满分5分）</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>1 = very dissatisfied … 5 = very satisfied</source>
        <translation>1 = 很不满意 … 5 = 很满意</translation>
    </message>
    <message>
        <source>The litigant can choose on the litigant screen.</source>
        <translation>当事人可以在当事人屏幕上选择。</translation>
    </message>
    <message>
        <source>Given by the litigant on their screen: %1 (only Not asked undoes it)</source>
        <translation>当事人本人在屏幕上选择：%1（只能改为“未询问”）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>文字大小(&amp;T)：</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Default &amp;court:</source>
        <translation>默认法院(&amp;C)：</translation>
    </message>
    <message>
        <source>Default court</source>
        <translation>默认法院</translation>
    </message>
    <message>
        <source>Help-desk &amp;phone:</source>
        <translation>服务台电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Help-desk phone</source>
        <translation>服务台电话</translation>
    </message>
    <message>
        <source>Language and text size change at once; an open assistance stays open. The help-desk phone is printed on the join slip.</source>
        <translation>语言和文字大小立即生效，正在进行的协助不受影响。服务台电话会印在参会提示单上。</translation>
    </message>
    <message>
        <source>Help-desk phone not recognised: use a landline with area code (e.g. 010-12345678) or an 11-digit mobile number.</source>
        <translation>服务台电话格式不对：请填写带区号的座机（如 010-12345678）或11位手机号。</translation>
    </message>
</context>
<context>
    <name>SkipStepDialog</name>
    <message>
        <source>Skip step</source>
        <translation>跳过此步</translation>
    </message>
    <message>
        <source>Why is the step “%1” skipped?</source>
        <translation>为什么跳过“%1”这一步？</translation>
    </message>
    <message>
        <source>The litigant already has the app</source>
        <translation>当事人已装好应用</translation>
    </message>
    <message>
        <source>Not needed for this device</source>
        <translation>这台设备不需要</translation>
    </message>
    <message>
        <source>The litigant declined</source>
        <translation>当事人不愿意</translation>
    </message>
    <message>
        <source>No time before the hearing</source>
        <translation>离开庭时间太近，来不及</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>选择或输入原因</translation>
    </message>
    <message>
        <source>&amp;Skip step</source>
        <translation>跳过此步(&amp;S)</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The database %1 was written by a newer version of Hearing Helper (schema %2; this version understands up to %3). Install the newer version, or start with another data folder.</source>
        <translation>数据库 %1 是由更新版本的庭审协助助手写入的（结构版本 %2，本版本最高支持 %3）。请安装新版本，或换一个数据文件夹启动。</translation>
    </message>
    <message>
        <source>The database %1 cannot be read (%2). Ask court IT to restore it from a backup, or move it aside to start afresh.</source>
        <translation>无法读取数据库 %1（%2）。请联系法院信息技术人员从备份恢复，或把它移到别处后重新开始。</translation>
    </message>
    <message>
        <source>Hearing Helper cannot start</source>
        <translation>庭审协助助手无法启动</translation>
    </message>
    <message>
        <source>Nothing was changed or deleted. Please tell court IT and show them this message.</source>
        <translation>没有修改或删除任何数据。请联系法院信息技术人员，并把这条提示给他们看。</translation>
    </message>
</context>
<context>
    <name>keyboard</name>
    <message>
        <source>New assistance</source>
        <translation>新建协助</translation>
    </message>
    <message>
        <source>Show or hide the litigant screen</source>
        <translation>显示或隐藏当事人屏幕</translation>
    </message>
    <message>
        <source>Read the litigant screen aloud</source>
        <translation>朗读当事人屏幕上的提示</translation>
    </message>
    <message>
        <source>Go to step 1 to 5 of the assistance</source>
        <translation>转到协助的第 1 至 5 步</translation>
    </message>
    <message>
        <source>Next / previous step</source>
        <translation>下一步 / 上一步</translation>
    </message>
    <message>
        <source>Next step; on the last step, finish</source>
        <translation>下一步；在最后一步时完成</translation>
    </message>
    <message>
        <source>Save now (it also saves by itself)</source>
        <translation>立即保存（也会自动保存）</translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation>Alt+带下划线的字母</translation>
    </message>
    <message>
        <source>Press that button or go to that field</source>
        <translation>按下该按钮或转到该输入项</translation>
    </message>
    <message>
        <source>Device checks: run all checks</source>
        <translation>设备检测：全部检测</translation>
    </message>
    <message>
        <source>Send to the court&apos;s central database now</source>
        <translation>立即发送到法院中心数据库</translation>
    </message>
    <message>
        <source>Phone checklist: answer yes / no / not needed</source>
        <translation>手机检查清单：回答 是 / 否 / 不需要</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>方向键</translation>
    </message>
    <message>
        <source>Move between outcomes or ratings (chooses nothing)</source>
        <translation>在结果或满意度之间移动（移动不会选中）</translation>
    </message>
    <message>
        <source>Choose the satisfaction or option that has focus</source>
        <translation>选中当前焦点所在的满意度或选项</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格键</translation>
    </message>
    <message>
        <source>Litigant screen full screen, and back</source>
        <translation>当事人屏幕全屏 / 退出全屏</translation>
    </message>
    <message>
        <source>Keypad 1-5</source>
        <translation>小键盘 1-5</translation>
    </message>
    <message>
        <source>Finish: the litigant&apos;s own rating, from a keypad they hold</source>
        <translation>完成：当事人用手中的小键盘自己评价</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一个 / 上一个输入项</translation>
    </message>
    <message>
        <source>History: open the selected record</source>
        <translation>历史记录：打开选中的记录</translation>
    </message>
    <message>
        <source>Close the dialog or window</source>
        <translation>关闭对话框或窗口</translation>
    </message>
    <message>
        <source>Quit (the open assistance stays saved)</source>
        <translation>退出（未完成的协助已保存）</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Plaintiff</source>
        <translation>原告</translation>
    </message>
    <message>
        <source>Defendant</source>
        <translation>被告</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>第三人</translation>
    </message>
    <message>
        <source>Agent / lawyer</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>证人</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Own Android phone</source>
        <translation>自己的安卓手机</translation>
    </message>
    <message>
        <source>Own iPhone</source>
        <translation>自己的苹果手机</translation>
    </message>
    <message>
        <source>Court terminal</source>
        <translation>法院自助终端</translation>
    </message>
    <message>
        <source>Own laptop</source>
        <translation>自己的笔记本电脑</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>老年人</translation>
    </message>
    <message>
        <source>Hard of hearing</source>
        <translation>听力不好</translation>
    </message>
    <message>
        <source>Poor eyesight</source>
        <translation>视力不好</translation>
    </message>
    <message>
        <source>Dialect / interpreter</source>
        <translation>方言/需要翻译</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>已参加庭审</translation>
    </message>
    <message>
        <source>Joined after help</source>
        <translation>经协助后参加</translation>
    </message>
    <message>
        <source>Not joined</source>
        <translation>未能参加</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Litigant left</source>
        <translation>当事人中途离开</translation>
    </message>
    <message>
        <source>Device unusable</source>
        <translation>设备无法使用</translation>
    </message>
    <message>
        <source>Network problem</source>
        <translation>网络问题</translation>
    </message>
    <message>
        <source>App could not be installed</source>
        <translation>应用装不上</translation>
    </message>
    <message>
        <source>Account / real-name verification</source>
        <translation>账号注册/实名认证问题</translation>
    </message>
    <message>
        <source>Meeting link or ID wrong/missing</source>
        <translation>会议链接或会议号有误/缺失</translation>
    </message>
    <message>
        <source>Platform not working</source>
        <translation>平台故障</translation>
    </message>
    <message>
        <source>Litigant declined</source>
        <translation>当事人不愿参加</translation>
    </message>
    <message>
        <source>Hearing cancelled</source>
        <translation>庭审取消</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>登记信息</translation>
    </message>
    <message>
        <source>Device checks</source>
        <translation>设备检测</translation>
    </message>
    <message>
        <source>App install</source>
        <translation>安装应用</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>进入庭审</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未成功</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Hearing date and time</source>
        <translation>开庭日期和时间</translation>
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
        <source>Litigant name</source>
        <translation>当事人姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>诉讼身份</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>使用设备</translation>
    </message>
    <message>
        <source>Special needs</source>
        <translation>特殊需要</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意记录</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason not joined</source>
        <translation>未能参加的原因</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason without consent</source>
        <translation>未同意原因</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>来访类型</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>具体原因</translation>
    </message>
    <message>
        <source>Why come again</source>
        <translation>再来的原因</translation>
    </message>
    <message>
        <source>Next visit on</source>
        <translation>下次来访日期</translation>
    </message>
    <message>
        <source>Why in person</source>
        <translation>到庭参加的原因</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Way to join</source>
        <translation>参加方式</translation>
    </message>
    <message>
        <source>Why another way</source>
        <translation>改用其他方式的原因</translation>
    </message>
    <message>
        <source>Because of</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Other details</source>
        <translation>其他信息</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Passed with warnings</source>
        <translation>通过（有提醒）</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Last clerk</source>
        <translation>上次的工作人员</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Help-desk phone number</source>
        <translation>服务台电话</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Network check time limit (seconds)</source>
        <translation>网络检测时限（秒）</translation>
    </message>
    <message>
        <source>Extra network test addresses</source>
        <translation>其他网络检测地址</translation>
    </message>
    <message>
        <source>Check thresholds</source>
        <translation>检测阈值</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <source>Desk name</source>
        <translation>窗口名称</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>Supervisor password</source>
        <translation>管理员密码</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Case number not recognised. Expected the form (year)court code + case type + number + 号, e.g. {example}.</source>
        <translation>案号格式不对。应为“（年份）法院代字+案件类型+序号+号”，例如 {example}。</translation>
    </message>
    <message>
        <source>The year {year} in the case number is not plausible (1990 to {max_year}).</source>
        <translation>案号中的年份 {year} 不合理（应在 1990 到 {max_year} 之间）。</translation>
    </message>
    <message>
        <source>Phone number not recognised. Expected an 11-digit mobile number starting with 1 (e.g. 138 1234 5678) or a landline with area code (e.g. 010-12345678).</source>
        <translation>电话号码格式不对。请填写以1开头的11位手机号（如 138 1234 5678），或带区号的座机（如 010-12345678）。</translation>
    </message>
    <message>
        <source>The name must be 1 to {max} characters long (now {length}).</source>
        <translation>姓名应为 1 到 {max} 个字（现在 {length} 个）。</translation>
    </message>
    <message>
        <source>The name contains invisible control characters; please retype it.</source>
        <translation>姓名里有看不见的特殊字符，请重新输入。</translation>
    </message>
    <message>
        <source>The name should not contain digits; please check it.</source>
        <translation>姓名里不应有数字，请检查。</translation>
    </message>
    <message>
        <source>The name contains emoji or symbols, which cannot be printed on the join slip or in exports; please type the name in characters.</source>
        <translation>姓名里有表情符号或特殊符号，提示单和导出文件无法打印，请只输入文字。</translation>
    </message>
    <message>
        <source>The hearing time is more than {days} days in the past; please check it.</source>
        <translation>开庭时间已过去 {days} 天以上，请检查。</translation>
    </message>
    <message>
        <source>The hearing time is more than {days} days ahead; please check the year.</source>
        <translation>开庭时间在 {days} 天以后，请检查年份。</translation>
    </message>
    <message>
        <source>Satisfaction is a whole number from 1 to 5.</source>
        <translation>满意度为 1 到 5 的整数。</translation>
    </message>
    <message>
        <source>Choose why the litigant did not join.</source>
        <translation>请选择当事人未能参加庭审的原因。</translation>
    </message>
    <message>
        <source>At most {max} characters (now {length}).</source>
        <translation>最多 {max} 个字（现在 {length} 个）。</translation>
    </message>
    <message>
        <source>Choose the cause from the list (a code such as camera.no_frames).</source>
        <translation>请从列表中选择原因（如 camera.no_frames 这样的代码）。</translation>
    </message>
    <message>
        <source>For &quot;Other&quot;, write the reason in the note.</source>
        <translation>选择“其他”时，请在备注中写明原因。</translation>
    </message>
    <message>
        <source>The next visit must be from today to {days} days ahead.</source>
        <translation>下次来访日期须在今天至 {days} 天以内。</translation>
    </message>
    <message>
        <source>Say why another way to join was chosen than the recommended one.</source>
        <translation>请说明为什么没有采用推荐的参加方式。</translation>
    </message>
    <message>
        <source>Choose or write why the litigant joined late.</source>
        <translation>请选择或填写当事人迟到的原因。</translation>
    </message>
    <message>
        <source>Choose or write the technical reason the hearing was adjourned.</source>
        <translation>请选择或填写因技术原因休庭的具体原因。</translation>
    </message>
    <message>
        <source>Write why the hearing did not take place.</source>
        <translation>请填写庭审未进行的原因。</translation>
    </message>
    <message>
        <source>Only a finished preparation visit can get a follow-up.</source>
        <translation>只有已完成的庭前准备记录才能登记回访。</translation>
    </message>
    <message>
        <source>The follow-up of this visit is already recorded.</source>
        <translation>这次来访的回访结果已经登记过了。</translation>
    </message>
    <message>
        <source>This outcome belongs to the other kind of visit.</source>
        <translation>这个结果属于另一种来访类型。</translation>
    </message>
    <message>
        <source>The litigant gave this rating; a correction may only mark it as not asked.</source>
        <translation>这是当事人本人给出的评价；更正时只能改为“未询问”。</translation>
    </message>
    <message>
        <source>Only the litigant can give a rating, on the litigant screen.</source>
        <translation>只有当事人本人能在当事人屏幕上评价。</translation>
    </message>
    <message>
        <source>The litigant&apos;s name or phone number is recorded without consent. Tick the consent box, give the reason consent was not given, or remove the name and phone number.</source>
        <translation>已记录当事人的姓名或电话，但未取得同意。请勾选同意，或填写未取得同意的原因，或删除姓名和电话。</translation>
    </message>
</context>
</TS>
