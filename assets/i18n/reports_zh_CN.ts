<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Records: %1</source>
        <translation>记录：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
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
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>用时（分钟）</translation>
    </message>
    <message>
        <source>&amp;Show full names and phone numbers…</source>
        <translation>显示完整姓名和电话(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 records; the first %2 are shown.</source>
        <translation>共 %1 条记录，这里显示前 %2 条。</translation>
    </message>
    <message>
        <source>%1 records.</source>
        <translation>共 %1 条记录。</translation>
    </message>
    <message>
        <source>see litigants&apos; full names and phone numbers</source>
        <translation>查看当事人的完整姓名和电话</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>未显示</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save export</source>
        <translation>保存导出文件</translation>
    </message>
    <message>
        <source>export the assistance log</source>
        <translation>导出协助记录</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting… %1 of %2 rows</source>
        <translation>正在导出… 第 %1 条，共 %2 条</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 条记录到 %2。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出没有成功：%1</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>已取消导出，没有生成文件。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>诉讼身份</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
</context>
<context>
    <name>NoPasswordDialog</name>
    <message>
        <source>No supervisor password</source>
        <translation>尚未设置管理员密码</translation>
    </message>
    <message>
        <source>No supervisor password is set on this desk yet, so you cannot %1.

The supervisor password protects the settings, the reports, exports and litigants&apos; personal data. The desk&apos;s supervisor (or court IT) sets it once: here, or with the command “hearing-helper supervisor set-password”. Whoever sets it is this desk&apos;s supervisor; setting it is recorded in the audit log.</source>
        <translation>本服务台还没有设置管理员密码，所以暂时不能%1。

管理员密码用来保护系统设置、统计报表、导出和当事人个人信息，由本服务台的管理员（或法院信息技术人员）设置一次：可以在这里设置，也可以用命令“hearing-helper supervisor set-password”设置。设置密码的人就是本服务台的管理员；设置操作会记入审计日志。</translation>
    </message>
    <message>
        <source>&amp;Set a supervisor password…</source>
        <translation>设置管理员密码(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Supervisor password</source>
        <translation>管理员密码</translation>
    </message>
    <message>
        <source>A supervisor must enter the password to %1.</source>
        <translation>需要管理员输入密码才能%1。</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Please wait %1 seconds.</source>
        <translation>密码输错次数太多，请等 %1 秒再试。</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以再试一次。</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码不对。</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>报表状态</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>统计方式</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Steps: reached and failed</source>
        <translation>各步骤：进行人数和失败人数</translation>
    </message>
    <message>
        <source>Busy hours (weekday × hour)</source>
        <translation>忙碌时段（星期 × 小时）</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>统计方式：</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Monthly summary &amp;PDF…</source>
        <translation>月度汇总 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Change supervisor pass&amp;word…</source>
        <translation>修改管理员密码(&amp;W)…</translation>
    </message>
    <message>
        <source>Click a bar or a cell to see the records behind it.</source>
        <translation>点击柱条或方格，可以查看对应的记录。</translation>
    </message>
    <message>
        <source>Assisted on hearing day</source>
        <translation>开庭当天协助人数</translation>
    </message>
    <message>
        <source>What went wrong most (count · cumulative share)</source>
        <translation>最常见的问题（次数 · 累计占比）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The court&apos;s figures are not available (%1). This desk&apos;s are shown.</source>
        <translation>无法获取全院数据（%1），现显示本窗口的数据。</translation>
    </message>
    <message>
        <source>The report failed: %1</source>
        <translation>统计没有成功：%1</translation>
    </message>
    <message>
        <source>%1 records, counted in %2 s.</source>
        <translation>共 %1 条记录，统计用时 %2 秒。</translation>
    </message>
    <message>
        <source>%1: %2 assisted on hearing day, %3 joined; %4 preparation visits</source>
        <translation>%1：开庭当天协助 %2 人，参加庭审 %3 人；庭前准备来访 %4 次</translation>
    </message>
    <message>
        <source>Assisted</source>
        <translation>协助人数</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>参加庭审</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <source>Change supervisor password</source>
        <translation>修改管理员密码</translation>
    </message>
    <message>
        <source>Set a supervisor password</source>
        <translation>设置管理员密码</translation>
    </message>
    <message>
        <source>No supervisor password is set yet. Choose one now; it protects exports, personal data and settings.</source>
        <translation>还没有设置管理员密码。请现在设置一个，用来保护导出、个人信息和系统设置。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再输一次：</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>至少 %1 个字符。</translation>
    </message>
    <message>
        <source>I &amp;am this desk&apos;s supervisor (or court IT setting it up for them).</source>
        <translation>我是本服务台的管理员（或代为设置的法院信息技术人员）(&amp;A)</translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation>密码未更改：%1</translation>
    </message>
    <message>
        <source>Please confirm that you are this desk&apos;s supervisor.</source>
        <translation>请先确认您是本服务台的管理员。</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Please wait %1 seconds.</source>
        <translation>密码输错次数太多，请等 %1 秒再试。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不对。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一样。</translation>
    </message>
    <message>
        <source>The new password must have at most %1 characters.</source>
        <translation>新密码最多只能有 %1 个字符。</translation>
    </message>
    <message>
        <source>The new password must have at least %1 characters.</source>
        <translation>新密码至少要有 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>SupervisorPassword</name>
    <message>
        <source>A supervisor password was set, but its record from an older version (in the settings file) is missing or damaged. Restore the data folder&apos;s settings.json from a backup, or ask court IT.</source>
        <translation>已设置过主管密码，但旧版本保存在设置文件中的记录缺失或已损坏。请从备份恢复数据文件夹中的 settings.json，或联系法院信息技术人员。</translation>
    </message>
</context>
<context>
    <name>UnmaskDialog</name>
    <message>
        <source>Export options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <source>Names and phone numbers are masked in exports (王*明, 138****5678). Tick the box only if the court&apos;s statistics need them in full; this is recorded in the log.</source>
        <translation>导出时姓名和电话默认隐去部分内容（如 王*明、138****5678）。只有统计工作确实需要完整信息时才勾选，勾选后会记入日志。</translation>
    </message>
    <message>
        <source>Include full names and phone numbers</source>
        <translation>导出完整姓名和电话</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Joined</source>
        <translation>已参加庭审</translation>
    </message>
    <message>
        <source>Not joined</source>
        <translation>未能参加</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>检测未通过</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Assisted on hearing day</source>
        <translation>开庭当天协助人数</translation>
    </message>
    <message>
        <source>Join rate (hearing day)</source>
        <translation>参加成功率（开庭当天）</translation>
    </message>
    <message>
        <source>Preparation visits</source>
        <translation>庭前准备来访</translation>
    </message>
    <message>
        <source>Median time per visit</source>
        <translation>每次来访用时（中位数）</translation>
    </message>
    <message>
        <source>90% of visits within</source>
        <translation>九成来访在此时间内完成</translation>
    </message>
    <message>
        <source>under %1 min</source>
        <translation>不到 %1 分钟</translation>
    </message>
    <message>
        <source>Joined their hearing</source>
        <translation>参加庭审人数</translation>
    </message>
    <message>
        <source>Average satisfaction (1-5)</source>
        <translation>平均满意度（1-5分）</translation>
    </message>
    <message>
        <source>Satisfaction response rate</source>
        <translation>满意度评价率</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Online hearing assistance — summary</source>
        <translation>网上庭审协助工作汇总</translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation>统计期间：%1 至 %2</translation>
    </message>
    <message>
        <source>Filters: %1</source>
        <translation>统计范围：%1</translation>
    </message>
    <message>
        <source>all courts, desks and clerks</source>
        <translation>全部法院、窗口和工作人员</translation>
    </message>
    <message>
        <source>Made on %1 · page %2 of %3</source>
        <translation>生成时间 %1 · 第 %2 页，共 %3 页</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <source>Assisted on hearing day, per day</source>
        <translation>每天开庭当天协助人数</translation>
    </message>
    <message>
        <source>Assisted on hearing day, per month</source>
        <translation>每月开庭当天协助人数</translation>
    </message>
    <message>
        <source>What went wrong most (top 10; count · cumulative share)</source>
        <translation>最常见的问题（前10项；次数 · 累计占比）</translation>
    </message>
    <message>
        <source>Preparation visits and follow-up</source>
        <translation>庭前准备与回访</translation>
    </message>
    <message>
        <source>Assisted</source>
        <translation>协助人数</translation>
    </message>
    <message>
        <source>Steps: reached and failed</source>
        <translation>各步骤：进行人数和失败人数</translation>
    </message>
    <message>
        <source>Busy hours (weekday × hour)</source>
        <translation>忙碌时段（星期 × 小时）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 reached · %2 failed</source>
        <translation>进行 %1 · 失败 %2</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>工作人员</translation>
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
        <source>Role</source>
        <translation>诉讼身份</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>使用设备</translation>
    </message>
    <message>
        <source>Hearing time</source>
        <translation>开庭时间</translation>
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
        <source>Assistance time (min)</source>
        <translation>协助用时（分钟）</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason not joined</source>
        <translation>未参加原因</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访类型</translation>
    </message>
    <message>
        <source>Preparation outcome</source>
        <translation>庭前准备结果</translation>
    </message>
    <message>
        <source>Way to join</source>
        <translation>参加方式</translation>
    </message>
    <message>
        <source>After the hearing</source>
        <translation>庭后回访</translation>
    </message>
    <message>
        <source>Rating given by</source>
        <translation>评价来源</translation>
    </message>
    <message>
        <source>Hearing-day failure cause</source>
        <translation>开庭当天未能顺利参加的原因</translation>
    </message>
    <message>
        <source>Linked earlier visit (record ID)</source>
        <translation>关联的前次来访（记录编号）</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>协助记录</translation>
    </message>
    <message>
        <source>open the reports</source>
        <translation>打开统计报表</translation>
    </message>
    <message>
        <source>Hearing-day outcomes</source>
        <translation>开庭当天协助结果</translation>
    </message>
    <message>
        <source>%1 · cumulative %2</source>
        <translation>%1 · 累计 %2</translation>
    </message>
    <message>
        <source>Preparation visits (hearing later)</source>
        <translation>庭前准备来访（之后开庭）</translation>
    </message>
    <message>
        <source>Readiness and follow-up</source>
        <translation>准备情况与回访</translation>
    </message>
    <message>
        <source>Ready → followed up → went ahead → on time</source>
        <translation>已准备好 → 已回访 → 庭审如期进行 → 按时进入</translation>
    </message>
    <message>
        <source>Joined on time, of those followed up</source>
        <translation>按时进入（占已回访）</translation>
    </message>
    <message>
        <source>%1 ready · %2 followed up · on time %3</source>
        <translation>已准备好 %1 · 已回访 %2 · 按时进入 %3</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Follow-ups overdue</source>
        <translation>回访已逾期</translation>
    </message>
    <message>
        <source>Hearing day: prepared or not</source>
        <translation>开庭当天：是否做过庭前准备</translation>
    </message>
    <message>
        <source>Prepared litigants with a problem</source>
        <translation>做过准备的当事人遇到问题</translation>
    </message>
    <message>
        <source>Litigants not prepared with a problem</source>
        <translation>未做准备的当事人遇到问题</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1（共 %2 人）</translation>
    </message>
    <message>
        <source>Repeat visits and ratings</source>
        <translation>多次来访与评价</translation>
    </message>
    <message>
        <source>Visits / litigants (by phone)</source>
        <translation>来访次数 / 当事人数（按手机号）</translation>
    </message>
    <message>
        <source>Litigants who came more than once</source>
        <translation>来访不止一次的当事人</translation>
    </message>
    <message>
        <source>Rated by the litigant (average)</source>
        <translation>当事人本人评价（平均分）</translation>
    </message>
    <message>
        <source>Entered by staff (average)</source>
        <translation>工作人员录入（平均分）</translation>
    </message>
    <message>
        <source>Litigant response rate</source>
        <translation>当事人参评率</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>the court: %1 desks</source>
        <translation>全院：%1 个窗口</translation>
    </message>
    <message>
        <source>last delivery %1</source>
        <translation>最近一次上传 %1</translation>
    </message>
    <message>
        <source>This desk has %1 items not yet sent</source>
        <translation>本窗口还有 %1 项尚未上传</translation>
    </message>
    <message>
        <source>Damaged cells: %1 (values no version of the app writes)</source>
        <translation>损坏的数据格：%1 个（本软件任何版本都不会写入的值）</translation>
    </message>
    <message>
        <source>record %1  %2 = %3</source>
        <translation>记录 %1  %2 = %3</translation>
    </message>
    <message>
        <source>... (all of them: report --json)</source>
        <translation>……（全部见 report --json）</translation>
    </message>
    <message>
        <source>Left out %1 demo records (made by demo-data); --include-demo counts them.</source>
        <translation>未计入 %1 条演示记录（由 demo-data 生成）；加 --include-demo 可计入。</translation>
    </message>
    <message>
        <source>What went wrong most (count · cumulative share)</source>
        <translation>最常见的问题（次数 · 累计占比）</translation>
    </message>
</context>
</TS>
