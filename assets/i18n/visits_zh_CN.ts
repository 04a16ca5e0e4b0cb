<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CourtFollowUps</name>
    <message>
        <source>Being called by %1 at %2 until %3</source>
        <translation>%2 的 %1 正在回访（至 %3）</translation>
    </message>
    <message>
        <source>prepared at %1</source>
        <translation>由%1准备</translation>
    </message>
    <message>
        <source>The court takes no more claims from this desk for now: a desk may hold 5 at once and look up 600 litigants an hour. Record the results of the follow-ups being called, or try again in a few minutes (a claim frees itself after 15 minutes).</source>
        <translation>法院暂不接受本窗口再认领回访：每个窗口同时最多认领 5 条，每小时最多查询 600 位当事人。请先记录正在回访的结果，或几分钟后再试（认领 15 分钟后自动释放）。</translation>
    </message>
    <message>
        <source>The court limits how often a desk reads its follow-ups, and this desk has reached the limit for this hour: this desk&apos;s own follow-ups, until the court&apos;s list comes back.</source>
        <translation>法院限制每个窗口读取回访列表的次数，本窗口本小时已达上限：暂时只显示本窗口自己的回访，法院列表恢复后再显示全院的。</translation>
    </message>
    <message>
        <source>This desk is not joined to a court.</source>
        <translation>本服务台未连接法院中心数据库。</translation>
    </message>
    <message>
        <source>This desk&apos;s database cannot keep answers for the court.</source>
        <translation>本服务台的数据库无法保存交给法院的回访结果。</translation>
    </message>
</context>
<context>
    <name>EarlierVisitsPanel</name>
    <message>
        <source>at %1</source>
        <translation>在%1</translation>
    </message>
    <message>
        <source>Earlier visits</source>
        <translation>以前的来访</translation>
    </message>
    <message>
        <source>Use e&amp;xisting details and link</source>
        <translation>沿用信息并关联(&amp;X)</translation>
    </message>
    <message>
        <source>Seen before at this court: %1 earlier visit(s) with this case number or phone</source>
        <translation>本院曾接待：此案号或电话共有 %1 次来访</translation>
    </message>
    <message>
        <source>Seen before: %1 earlier visit(s) with this case number or phone</source>
        <translation>来过：此案号或手机号有 %1 次以前的来访</translation>
    </message>
    <message>
        <source>The court&apos;s central database cannot be reached: only this desk&apos;s own visits are shown.</source>
        <translation>无法连接法院中心数据库：仅显示本服务台自己的来访记录。</translation>
    </message>
    <message>
        <source>This desk has looked up as many litigants as the court allows in an hour: only this desk&apos;s own visits are shown until the hour is over.</source>
        <translation>本窗口本小时查询当事人的次数已达法院上限：在这一小时结束前，只显示本窗口自己的来访记录。</translation>
    </message>
    <message>
        <source>Linked to the visit of %1.</source>
        <translation>已关联到 %1 的来访。</translation>
    </message>
    <message>
        <source>Linked to an earlier visit.</source>
        <translation>已关联到以前的一次来访。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up after the hearing</source>
        <translation>庭后回访</translation>
    </message>
    <message>
        <source>Hearing:</source>
        <translation>庭审：</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>实际情况(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Because of:</source>
        <translation>原因(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Told by:</source>
        <translation>信息来源(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>To follow up</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Record &amp;result…</source>
        <translation>登记结果(&amp;R)…</translation>
    </message>
    <message>
        <source>Prepared hearings today and tomorrow</source>
        <translation>今明两天已准备的庭审</translation>
    </message>
    <message>
        <source>To follow up (%1)</source>
        <translation>待回访（%1）</translation>
    </message>
    <message>
        <source>Prepared hearings today and tomorrow (%1)</source>
        <translation>今明两天已准备的庭审（%1）</translation>
    </message>
    <message>
        <source>The court&apos;s central database cannot be reached: this desk&apos;s own follow-ups.</source>
        <translation>无法连接法院中心数据库：仅显示本服务台自己的待回访。</translation>
    </message>
    <message>
        <source>Someone is calling already</source>
        <translation>已有人在回访</translation>
    </message>
    <message>
        <source>Already followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>This follow-up was recorded at another desk; it arrives here with the next sync.</source>
        <translation>此回访已在其他服务台登记，下次同步后将显示在这里。</translation>
    </message>
    <message>
        <source>The follow-up cannot be claimed</source>
        <translation>无法认领此回访</translation>
    </message>
    <message>
        <source>Phone to call:</source>
        <translation>回访电话：</translation>
    </message>
    <message>
        <source>Prepared at:</source>
        <translation>准备服务台：</translation>
    </message>
    <message>
        <source>The follow-up was not saved</source>
        <translation>回访结果没有保存</translation>
    </message>
</context>
<context>
    <name>PreparationPanel</name>
    <message>
        <source>Recommended:</source>
        <translation>推荐方式：</translation>
    </message>
    <message>
        <source>Wa&amp;y to join:</source>
        <translation>参加方式(&amp;Y)：</translation>
    </message>
    <message>
        <source>Why not the recommended way?</source>
        <translation>为什么不用推荐的方式？</translation>
    </message>
    <message>
        <source>&amp;Why another way:</source>
        <translation>改用其他方式的原因(&amp;W)：</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>结果(&amp;U)：</translation>
    </message>
    <message>
        <source>Why co&amp;me again:</source>
        <translation>再来的原因(&amp;M)：</translation>
    </message>
    <message>
        <source>Ne&amp;xt visit on:</source>
        <translation>下次来访日期(&amp;X)：</translation>
    </message>
    <message>
        <source>Why in &amp;person:</source>
        <translation>到庭参加的原因(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Remark:</source>
        <translation>情况说明(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>VisitDetail</name>
    <message>
        <source>Kind of visit</source>
        <translation>来访类型</translation>
    </message>
    <message>
        <source>next visit %1</source>
        <translation>下次来访 %1</translation>
    </message>
    <message>
        <source>Preparation outcome</source>
        <translation>庭前准备结果</translation>
    </message>
    <message>
        <source>Recommended way to join</source>
        <translation>推荐的参加方式</translation>
    </message>
    <message>
        <source>instead of the recommendation: %1</source>
        <translation>未采用推荐方式：%1</translation>
    </message>
    <message>
        <source>Way to join chosen</source>
        <translation>选定的参加方式</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>具体原因</translation>
    </message>
    <message>
        <source>%1, told by %2, recorded by %3</source>
        <translation>%1，信息来源：%2，登记人：%3</translation>
    </message>
    <message>
        <source>After the hearing</source>
        <translation>庭后回访</translation>
    </message>
    <message>
        <source>Earlier visit</source>
        <translation>以前的来访</translation>
    </message>
    <message>
        <source>Rating given by</source>
        <translation>评价来源</translation>
    </message>
</context>
<context>
    <name>VisitFiguresPanel</name>
    <message>
        <source>Preparation and follow-up (&amp;visits)</source>
        <translation>庭前准备与庭后回访(&amp;V)</translation>
    </message>
    <message>
        <source>Preparation visits: %1 (ready %2, another visit %3, in person %4)</source>
        <translation>庭前准备来访：%1 次（已准备好 %2，需再来 %3，到庭参加 %4）</translation>
    </message>
    <message>
        <source>Readiness: %5 ready → %6 followed up → %7 hearings went ahead → %8 joined on time (%9)</source>
        <translation>准备情况：已准备好 %5 → 已回访 %6 → 庭审如期进行 %7 → 按时进入 %8（%9）</translation>
    </message>
    <message>
        <source>Hearing-day problems: prepared %10 of %11, not prepared %12 of %13</source>
        <translation>开庭当天遇到问题：准备过的 %11 人中 %10，未准备的 %13 人中 %12</translation>
    </message>
    <message>
        <source>Repeat visits: %14 visits by %15 litigants; %16 came more than once</source>
        <translation>重复来访：%15 位当事人共来访 %14 次；%16 位来过不止一次</translation>
    </message>
    <message>
        <source>Follow-ups: %17 due, %18 overdue</source>
        <translation>回访：待回访 %17，已逾期 %18</translation>
    </message>
    <message>
        <source>Ratings: %19 by the litigant (average %20), %21 entered by staff (average %22); litigant response rate %23</source>
        <translation>评价：当事人本人评价 %19 次（平均 %20），工作人员录入 %21 次（平均 %22）；当事人参评率 %23</translation>
    </message>
    <message>
        <source>Way to join</source>
        <translation>参加方式</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>已准备好</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时进入</translation>
    </message>
    <message>
        <source>Hearing went ahead</source>
        <translation>庭审如期进行</translation>
    </message>
</context>
<context>
    <name>VisitKindFilter</name>
    <message>
        <source>All visits</source>
        <translation>全部来访类型</translation>
    </message>
    <message>
        <source>Visit filter</source>
        <translation>来访类型筛选</translation>
    </message>
</context>
<context>
    <name>visits</name>
    <message>
        <source>Power cut</source>
        <translation>停电</translation>
    </message>
    <message>
        <source>Device damaged, lost or flat</source>
        <translation>设备损坏、丢失或没电</translation>
    </message>
    <message>
        <source>Network outage where the litigant was</source>
        <translation>当事人所在地网络故障</translation>
    </message>
    <message>
        <source>The hearing platform did not work</source>
        <translation>庭审平台无法使用</translation>
    </message>
    <message>
        <source>Meeting link or ID wrong or missing</source>
        <translation>会议链接或会议号错误/缺失</translation>
    </message>
    <message>
        <source>Could not sign in (account, real-name check, SMS code)</source>
        <translation>无法登录（账号、实名认证、短信验证码）</translation>
    </message>
    <message>
        <source>The litigant did not remember how to join</source>
        <translation>当事人忘了如何进入庭审</translation>
    </message>
    <message>
        <source>Camera, microphone, speakers, computer</source>
        <translation>摄像头、麦克风、扬声器、电脑</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Phone and app install</source>
        <translation>手机与应用安装</translation>
    </message>
    <message>
        <source>On the hearing day</source>
        <translation>开庭当天</translation>
    </message>
    <message>
        <source>Preparation (hearing later)</source>
        <translation>庭前准备（之后开庭）</translation>
    </message>
    <message>
        <source>Hearing day</source>
        <translation>开庭当天</translation>
    </message>
    <message>
        <source>Ready for the hearing</source>
        <translation>已准备好参加庭审</translation>
    </message>
    <message>
        <source>Needs another visit</source>
        <translation>需要再来一次</translation>
    </message>
    <message>
        <source>Will attend in person</source>
        <translation>将到庭参加</translation>
    </message>
    <message>
        <source>Come back with another phone or a family member</source>
        <translation>带另一部手机或家人再来</translation>
    </message>
    <message>
        <source>Update the phone or free storage first</source>
        <translation>先升级手机系统或清理存储空间</translation>
    </message>
    <message>
        <source>The app is not installed yet</source>
        <translation>应用尚未安装好</translation>
    </message>
    <message>
        <source>Account or real-name check not finished</source>
        <translation>账号注册或实名认证未完成</translation>
    </message>
    <message>
        <source>The court has not sent the meeting details yet</source>
        <translation>法院尚未发送会议信息</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>No device that works for the hearing</source>
        <translation>没有可用于庭审的设备</translation>
    </message>
    <message>
        <source>The litigant prefers to come in person</source>
        <translation>当事人希望到庭参加</translation>
    </message>
    <message>
        <source>Easier in the courtroom (hearing, sight, dialect)</source>
        <translation>在法庭现场更方便（听力、视力、方言）</translation>
    </message>
    <message>
        <source>The court asked for attendance in person</source>
        <translation>法院要求到庭参加</translation>
    </message>
    <message>
        <source>Own phone (video)</source>
        <translation>自己的手机（视频）</translation>
    </message>
    <message>
        <source>Help desk PC at the court</source>
        <translation>在法院用窗口电脑</translation>
    </message>
    <message>
        <source>Audio only, by phone</source>
        <translation>电话语音参加</translation>
    </message>
    <message>
        <source>In person, in the court&apos;s room</source>
        <translation>到法院法庭现场参加</translation>
    </message>
    <message>
        <source>Went ahead, joined on time</source>
        <translation>庭审如期进行，按时进入</translation>
    </message>
    <message>
        <source>Joined late</source>
        <translation>迟到进入</translation>
    </message>
    <message>
        <source>Adjourned for a technical reason</source>
        <translation>因技术原因休庭</translation>
    </message>
    <message>
        <source>Did not take place for another reason</source>
        <translation>因其他原因未开庭</translation>
    </message>
    <message>
        <source>The litigant</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>The judge&apos;s assistant</source>
        <translation>法官助理</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>No follow-up</source>
        <translation>无需回访</translation>
    </message>
    <message>
        <source>Hearing still ahead</source>
        <translation>尚未开庭</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Follow-up overdue</source>
        <translation>回访已逾期</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Given by the litigant</source>
        <translation>当事人本人评价</translation>
    </message>
    <message>
        <source>Entered by staff</source>
        <translation>工作人员录入</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>The litigant has no phone of their own to use.</source>
        <translation>当事人没有可用的自己的手机。</translation>
    </message>
    <message>
        <source>The litigant&apos;s phone was not checked.</source>
        <translation>当事人的手机没有检查过。</translation>
    </message>
    <message>
        <source>The phone&apos;s system is too old to install the hearing app.</source>
        <translation>手机系统太旧，装不了庭审应用。</translation>
    </message>
    <message>
        <source>The phone has too little free storage for the hearing app.</source>
        <translation>手机存储空间不足，装不下庭审应用。</translation>
    </message>
    <message>
        <source>The phone has no usable Wi-Fi or mobile data.</source>
        <translation>手机没有可用的无线网络或移动数据。</translation>
    </message>
    <message>
        <source>The hearing app may not use the phone&apos;s camera or microphone.</source>
        <translation>庭审应用无法使用手机的摄像头或麦克风。</translation>
    </message>
    <message>
        <source>The hearing app could not be installed on the phone.</source>
        <translation>手机上装不了庭审应用。</translation>
    </message>
    <message>
        <source>With poor eyesight, the phone&apos;s small screen is hard to follow.</source>
        <translation>视力不好，手机屏幕太小看不清。</translation>
    </message>
    <message>
        <source>The phone passed every check: join the hearing with it.</source>
        <translation>手机各项检查都通过了：用手机参加庭审。</translation>
    </message>
    <message>
        <source>Not every item of the phone was checked: finish the checklist.</source>
        <translation>手机还有检查项没做完：请完成检查清单。</translation>
    </message>
    <message>
        <source>The desk PC&apos;s camera does not work.</source>
        <translation>窗口电脑的摄像头不能用。</translation>
    </message>
    <message>
        <source>The desk PC&apos;s microphone does not work.</source>
        <translation>窗口电脑的麦克风不能用。</translation>
    </message>
    <message>
        <source>The desk PC&apos;s speakers do not work.</source>
        <translation>窗口电脑的扬声器不能用。</translation>
    </message>
    <message>
        <source>The desk PC cannot reach the hearing platform.</source>
        <translation>窗口电脑连不上庭审平台。</translation>
    </message>
    <message>
        <source>Join at the court, on the help desk&apos;s PC: its camera and microphone work.</source>
        <translation>在法院用窗口电脑参加：电脑的摄像头和麦克风都正常。</translation>
    </message>
    <message>
        <source>Run the desk PC&apos;s checks before the hearing.</source>
        <translation>开庭前请先检查窗口电脑的设备。</translation>
    </message>
    <message>
        <source>Hard of hearing: a hearing by phone sound alone is hard to follow.</source>
        <translation>听力不好：只靠电话声音很难听清庭审。</translation>
    </message>
    <message>
        <source>Join by phone with sound only; tell the court beforehand.</source>
        <translation>用电话语音参加；请事先告知法院。</translation>
    </message>
    <message>
        <source>No way to join remotely works: attend in person in the court&apos;s room.</source>
        <translation>远程参加的方式都不可行：请到法院法庭现场参加。</translation>
    </message>
    <message>
        <source>An interpreter is needed: that is easier in the court&apos;s room.</source>
        <translation>需要翻译：在法庭现场更方便。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>未通过：%1</translation>
    </message>
    <message>
        <source>Preparation: %1</source>
        <translation>庭前准备：%1</translation>
    </message>
</context>
</TS>
