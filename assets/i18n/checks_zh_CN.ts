<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckRow</name>
    <message>
        <source>Check again</source>
        <translation>重新检测</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Check again: %1</source>
        <translation>重新检测：%1</translation>
    </message>
    <message>
        <source>Check: %1</source>
        <translation>检测：%1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>处理办法：%1</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>Check the camera, microphone, speakers and network with the litigant present. When a check fails, read out what to do, fix it, then check again.</source>
        <translation>请在当事人在场时检测摄像头、麦克风、扬声器和网络。某项不通过时，把下面的处理办法读给当事人听，处理好后再点“重新检测”。</translation>
    </message>
    <message>
        <source>Run all checks (F5)</source>
        <translation>全部检测 (F5)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Please say into the microphone: &quot;The weather is nice today&quot;</source>
        <translation>请对着麦克风说：今天天气很好</translation>
    </message>
    <message>
        <source>Can you hear the test sound? Please tell the clerk.</source>
        <translation>您能听到测试声音吗？请告诉工作人员</translation>
    </message>
    <message>
        <source>Please look at the camera.</source>
        <translation>请看着摄像头</translation>
    </message>
    <message>
        <source>Now checking: %1</source>
        <translation>正在检测：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The clerk will check the camera, microphone, sound and internet.</source>
        <translation>工作人员将检测摄像头、麦克风、声音和网络。</translation>
    </message>
    <message>
        <source>Testing the connection: %1…</source>
        <translation>正在检测网络：%1…</translation>
    </message>
    <message>
        <source>%1 of %2 checks done</source>
        <translation>已完成 %1 / %2 项</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检测</translation>
    </message>
    <message>
        <source>%1 passed; needs attention: %2</source>
        <translation>%1 项通过；需要处理：%2</translation>
    </message>
    <message>
        <source>%1 passed, none needs attention</source>
        <translation>%1 项通过，没有需要处理的</translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <source>Devices on this computer</source>
        <translation>本机设备</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>摄像头(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Speakers:</source>
        <translation>扬声器(&amp;S)：</translation>
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
        <source>Microphone level (speak to see it move):</source>
        <translation>麦克风音量（说话时会跳动）：</translation>
    </message>
    <message>
        <source>Test the speakers with the microphone (no need to ask)</source>
        <translation>用麦克风自动检测扬声器（不用问当事人）</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>没有摄像头画面</translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation>摄像头画面</translation>
    </message>
    <message>
        <source>(no camera found)</source>
        <translation>（未找到摄像头）</translation>
    </message>
    <message>
        <source>(no microphone found)</source>
        <translation>（未找到麦克风）</translation>
    </message>
    <message>
        <source>(no speakers found)</source>
        <translation>（未找到扬声器）</translation>
    </message>
</context>
<context>
    <name>HeardQuestion</name>
    <message>
        <source>Did the litigant hear the test sound and the voice?</source>
        <translation>当事人听到测试提示音和语音了吗？</translation>
    </message>
    <message>
        <source>Heard it</source>
        <translation>听到了</translation>
    </message>
    <message>
        <source>Did not hear it</source>
        <translation>没听到</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone level</source>
        <translation>麦克风音量</translation>
    </message>
    <message>
        <source>%1 dBFS</source>
        <translation>%1 dBFS</translation>
    </message>
</context>
<context>
    <name>PhoneChecklist</name>
    <message>
        <source>The litigant&apos;s own &amp;phone (ask and tick each item)</source>
        <translation>当事人自己的手机（逐项询问并勾选）(&amp;P)</translation>
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
        <source>Not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>Read out: %1</source>
        <translation>请告诉当事人：%1</translation>
    </message>
</context>
<context>
    <name>checks</name>
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
        <source>Computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Litigant&apos;s phone</source>
        <translation>当事人手机</translation>
    </message>
    <message>
        <source>The camera works.</source>
        <translation>摄像头正常。</translation>
    </message>
    <message>
        <source>No camera found.</source>
        <translation>没有找到摄像头。</translation>
    </message>
    <message>
        <source>The camera could not be opened.</source>
        <translation>摄像头打不开。</translation>
    </message>
    <message>
        <source>The camera sent no picture within 3 seconds.</source>
        <translation>摄像头 3 秒内没有画面。</translation>
    </message>
    <message>
        <source>The camera picture is black.</source>
        <translation>摄像头画面是黑的。</translation>
    </message>
    <message>
        <source>The camera picture is frozen.</source>
        <translation>摄像头画面卡住不动。</translation>
    </message>
    <message>
        <source>The camera picture is jerky (too few frames per second).</source>
        <translation>摄像头画面卡顿（每秒画面太少）。</translation>
    </message>
    <message>
        <source>The microphone works.</source>
        <translation>麦克风正常。</translation>
    </message>
    <message>
        <source>No microphone found.</source>
        <translation>没有找到麦克风。</translation>
    </message>
    <message>
        <source>The microphone could not be opened.</source>
        <translation>麦克风打不开。</translation>
    </message>
    <message>
        <source>The microphone sent no sound.</source>
        <translation>麦克风没有传来声音。</translation>
    </message>
    <message>
        <source>Almost nothing was heard from the microphone.</source>
        <translation>麦克风几乎没有收到声音。</translation>
    </message>
    <message>
        <source>The voice is very quiet.</source>
        <translation>声音太小。</translation>
    </message>
    <message>
        <source>The voice is too loud and distorted.</source>
        <translation>声音太大，已经失真。</translation>
    </message>
    <message>
        <source>The microphone picked up the speakers&apos; test sound: it works.</source>
        <translation>麦克风收到了扬声器的测试音，麦克风正常。</translation>
    </message>
    <message>
        <source>The test sound was heard.</source>
        <translation>当事人听到了测试声音。</translation>
    </message>
    <message>
        <source>The test sound was not heard.</source>
        <translation>当事人没有听到测试声音。</translation>
    </message>
    <message>
        <source>The microphone picked up the test tone: speakers and microphone work.</source>
        <translation>麦克风收到了测试音：扬声器和麦克风都正常。</translation>
    </message>
    <message>
        <source>The microphone did not pick up the test tone.</source>
        <translation>麦克风没有收到测试音。</translation>
    </message>
    <message>
        <source>No microphone to listen for the test tone; someone must listen.</source>
        <translation>没有麦克风可以自动收听测试音，需要有人来听。</translation>
    </message>
    <message>
        <source>No speakers or headphones found.</source>
        <translation>没有找到扬声器或耳机。</translation>
    </message>
    <message>
        <source>The speakers could not be opened.</source>
        <translation>扬声器打不开。</translation>
    </message>
    <message>
        <source>The sound could not be played.</source>
        <translation>声音放不出来。</translation>
    </message>
    <message>
        <source>Someone must listen to the test sound.</source>
        <translation>需要有人听一下测试声音。</translation>
    </message>
    <message>
        <source>Nobody confirmed hearing the test sound.</source>
        <translation>没有人确认是否听到测试声音。</translation>
    </message>
    <message>
        <source>The computer is ready.</source>
        <translation>电脑状态良好。</translation>
    </message>
    <message>
        <source>The disk is almost full.</source>
        <translation>硬盘空间快满了。</translation>
    </message>
    <message>
        <source>The computer is short of free memory.</source>
        <translation>电脑内存不够用。</translation>
    </message>
    <message>
        <source>The battery is low.</source>
        <translation>电池电量低。</translation>
    </message>
    <message>
        <source>The phone is ready.</source>
        <translation>手机已准备好。</translation>
    </message>
    <message>
        <source>Some items on the phone need fixing.</source>
        <translation>手机有几项需要处理。</translation>
    </message>
    <message>
        <source>The phone checklist is not finished.</source>
        <translation>手机检查还没有做完。</translation>
    </message>
    <message>
        <source>Plug in the camera, or use a computer or phone that has a camera.</source>
        <translation>请插好摄像头，或者换一台带摄像头的电脑或手机。</translation>
    </message>
    <message>
        <source>The camera may be in use by another program. Close WeChat video or other meeting apps, then try again.</source>
        <translation>摄像头可能被其他程序占用，请关闭微信视频或其他会议软件后重试。</translation>
    </message>
    <message>
        <source>Remove the lens cover or tape, and make sure the room is lit.</source>
        <translation>请取下镜头盖或挡住镜头的贴纸，并把屋里的灯打开。</translation>
    </message>
    <message>
        <source>Unplug the camera, plug it in again, then try again.</source>
        <translation>请把摄像头拔下来重新插好，然后重试。</translation>
    </message>
    <message>
        <source>Close other programs and turn on more light; then try again.</source>
        <translation>请关闭其他程序，把灯开亮一些，然后重试。</translation>
    </message>
    <message>
        <source>Plug in the microphone or headset, or choose another microphone.</source>
        <translation>请插好麦克风或耳麦，或者换一个麦克风。</translation>
    </message>
    <message>
        <source>The microphone may be in use by another program. Close other meeting or recording apps, then try again.</source>
        <translation>麦克风可能被其他程序占用，请关闭其他会议或录音软件后重试。</translation>
    </message>
    <message>
        <source>The microphone may be muted, the wrong one, or too far away. Check the mute switch, choose the right microphone, and speak close to it.</source>
        <translation>麦克风可能被静音、选错了或者离得太远。请检查静音开关，选对麦克风，并靠近麦克风说话。</translation>
    </message>
    <message>
        <source>Ask the litigant to sit closer to the microphone and speak up.</source>
        <translation>请当事人坐近一点，大声一点说话。</translation>
    </message>
    <message>
        <source>Move the microphone a little further away or turn the input volume down.</source>
        <translation>请把麦克风放远一点，或者把录音音量调小。</translation>
    </message>
    <message>
        <source>Plug in the speakers or headphones, or choose another output.</source>
        <translation>请插好音箱或耳机，或者换一个声音输出设备。</translation>
    </message>
    <message>
        <source>Close other programs that play sound, then try again.</source>
        <translation>请关闭其他正在放声音的程序后重试。</translation>
    </message>
    <message>
        <source>Turn the volume up, make sure sound is not muted, and check that the right speakers or headphones are chosen.</source>
        <translation>请把音量调大，确认没有静音，并检查选的是不是正在用的音箱或耳机。</translation>
    </message>
    <message>
        <source>Play the test sound and ask the litigant whether they hear it.</source>
        <translation>请播放测试声音，问当事人能不能听到。</translation>
    </message>
    <message>
        <source>Ask IT to free disk space: at least 1 GB is needed for the hearing.</source>
        <translation>请联系技术人员清理硬盘，开庭至少需要 1 GB 空间。</translation>
    </message>
    <message>
        <source>Close programs that are not needed for the hearing.</source>
        <translation>请关闭开庭用不到的程序。</translation>
    </message>
    <message>
        <source>Plug the computer into mains power.</source>
        <translation>请给电脑插上电源。</translation>
    </message>
    <message>
        <source>The check took too long and was stopped.</source>
        <translation>检测时间太长，已经停止。</translation>
    </message>
    <message>
        <source>The check could not run because of an unexpected problem.</source>
        <translation>出现意外问题，这项检测没能完成。</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>这项检测已取消。</translation>
    </message>
    <message>
        <source>Try this check again. If it keeps happening, call IT.</source>
        <translation>请重新检测这一项。如果一直这样，请联系技术人员。</translation>
    </message>
    <message>
        <source>The phone&apos;s system is recent enough for the hearing app</source>
        <translation>手机系统版本够新，能装庭审软件</translation>
    </message>
    <message>
        <source>The phone&apos;s system is too old. Update it in Settings, or use the court&apos;s terminal.</source>
        <translation>手机系统太旧了。请在“设置”里升级系统，或者使用法院的庭审终端。</translation>
    </message>
    <message>
        <source>At least 1 GB of free storage</source>
        <translation>手机至少还有 1 GB 空间</translation>
    </message>
    <message>
        <source>The phone is almost full. Delete old videos or unused apps to free at least 1 GB.</source>
        <translation>手机空间快满了。请删掉一些旧视频或不用的软件，腾出至少 1 GB。</translation>
    </message>
    <message>
        <source>Connected to Wi-Fi, 4G or 5G with enough data</source>
        <translation>已连上 Wi-Fi 或 4G/5G，流量够用</translation>
    </message>
    <message>
        <source>Connect the phone to the court&apos;s Wi-Fi, or make sure mobile data is on and not used up.</source>
        <translation>请让手机连上法院的 Wi-Fi，或者确认手机流量已打开并且没有用完。</translation>
    </message>
    <message>
        <source>The hearing app may use the camera and microphone</source>
        <translation>庭审软件已允许使用摄像头和麦克风</translation>
    </message>
    <message>
        <source>Open Settings, find the hearing app and allow the camera and the microphone.</source>
        <translation>请打开手机“设置”，找到庭审软件，允许它使用摄像头和麦克风。</translation>
    </message>
    <message>
        <source>The app store account and its password are known</source>
        <translation>记得应用商店的账号和密码</translation>
    </message>
    <message>
        <source>Without the app store password the app cannot be installed. Reset the password by SMS, or ask a family member.</source>
        <translation>没有应用商店密码就装不了软件。请用短信验证码重设密码，或者问一下家人。</translation>
    </message>
    <message>
        <source>WeChat is installed and signed in</source>
        <translation>已安装微信并且已登录</translation>
    </message>
    <message>
        <source>Install WeChat and sign in, or use the hearing app&apos;s own sign-in instead.</source>
        <translation>请安装并登录微信，或者改用庭审软件自己的登录方式。</translation>
    </message>
</context>
<context>
    <name>checks_litigant</name>
    <message>
        <source>Camera: works, we can see you.</source>
        <translation>摄像头：正常，能看清您。</translation>
    </message>
    <message>
        <source>Camera: works, but the picture could be better. The clerk will help.</source>
        <translation>摄像头：能用，但画面还可以更好，工作人员会帮您调整。</translation>
    </message>
    <message>
        <source>Camera: not working yet. The clerk is fixing it.</source>
        <translation>摄像头：暂时不能用，工作人员正在处理。</translation>
    </message>
    <message>
        <source>Microphone: works, we can hear you.</source>
        <translation>麦克风：正常，能听到您的声音。</translation>
    </message>
    <message>
        <source>Microphone: your voice is quiet. Please speak a little louder.</source>
        <translation>麦克风：您的声音有点小，请大声一点说话。</translation>
    </message>
    <message>
        <source>Microphone: we cannot hear you yet. The clerk is fixing it.</source>
        <translation>麦克风：暂时听不到您的声音，工作人员正在处理。</translation>
    </message>
    <message>
        <source>Sound: works, you can hear us.</source>
        <translation>声音：正常，您能听到我们。</translation>
    </message>
    <message>
        <source>Sound: works, but it could be clearer.</source>
        <translation>声音：能听到，但还可以更清楚。</translation>
    </message>
    <message>
        <source>Sound: not working yet. The clerk is fixing it.</source>
        <translation>声音：暂时不正常，工作人员正在处理。</translation>
    </message>
    <message>
        <source>Internet: good enough for video.</source>
        <translation>网络：足够视频开庭使用。</translation>
    </message>
    <message>
        <source>Internet: slow. The picture may stutter; the clerk will advise you.</source>
        <translation>网络：有点慢，画面可能会卡，工作人员会告诉您怎么办。</translation>
    </message>
    <message>
        <source>Internet: not good enough yet. The clerk is fixing it.</source>
        <translation>网络：暂时不够用，工作人员正在处理。</translation>
    </message>
    <message>
        <source>Computer: ready.</source>
        <translation>电脑：已准备好。</translation>
    </message>
    <message>
        <source>Computer: ready, the clerk will tidy something up.</source>
        <translation>电脑：可以使用，工作人员会再整理一下。</translation>
    </message>
    <message>
        <source>Computer: not ready yet. The clerk is fixing it.</source>
        <translation>电脑：还没准备好，工作人员正在处理。</translation>
    </message>
    <message>
        <source>Your phone: ready.</source>
        <translation>您的手机：已准备好。</translation>
    </message>
    <message>
        <source>Your phone: a few things to set up. The clerk will show you.</source>
        <translation>您的手机：还有几项要设置，工作人员会教您。</translation>
    </message>
    <message>
        <source>%1: not needed today.</source>
        <translation>%1：今天不需要检测。</translation>
    </message>
    <message>
        <source>Working: %1.</source>
        <translation>正常：%1。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not working yet: %1. The clerk is fixing it.</source>
        <translation>还不能用：%1。工作人员正在处理。</translation>
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
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Your phone</source>
        <translation>您的手机</translation>
    </message>
</context>
<context>
    <name>checks_ui</name>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>无法检测</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检测中…</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检测</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>finding the server</source>
        <translation>查找服务器</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>secure connection</source>
        <translation>安全连接</translation>
    </message>
    <message>
        <source>delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>download speed</source>
        <translation>下载速度</translation>
    </message>
    <message>
        <source>upload speed</source>
        <translation>上传速度</translation>
    </message>
    <message>
        <source>video path</source>
        <translation>视频通道</translation>
    </message>
    <message>
        <source>Not checked: no hearing platform is chosen yet.</source>
        <translation>未检测：还没有选择庭审平台。</translation>
    </message>
    <message>
        <source>Choose the platform in step 1 (Intake) first; the network check tests that platform&apos;s servers.</source>
        <translation>请先在第 1 步（登记）选择平台；网络检测测试的是该平台的服务器。</translation>
    </message>
    <message>
        <source>No further details.</source>
        <translation>没有更多说明。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Not ready: %1.</source>
        <translation>未就绪：%1。</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>每秒 %1 帧</translation>
    </message>
    <message>
        <source>brightness %1</source>
        <translation>亮度 %1</translation>
    </message>
    <message>
        <source>heard the speakers&apos; test tone, %1 dB clear</source>
        <translation>听到了扬声器的测试音，清晰度 %1 dB</translation>
    </message>
    <message>
        <source>level %1 dBFS</source>
        <translation>音量 %1 dBFS</translation>
    </message>
    <message>
        <source>peak %1 dBFS</source>
        <translation>峰值 %1 dBFS</translation>
    </message>
    <message>
        <source>tone heard by the microphone, %1 dB clear</source>
        <translation>麦克风收到测试音，清晰度 %1 dB</translation>
    </message>
    <message>
        <source>disk free %1 GB</source>
        <translation>硬盘剩余 %1 GB</translation>
    </message>
    <message>
        <source>memory free %1 MB</source>
        <translation>内存剩余 %1 MB</translation>
    </message>
    <message>
        <source>CPU busy %1 %</source>
        <translation>CPU 占用 %1%</translation>
    </message>
    <message>
        <source>delay %1 ms</source>
        <translation>延迟 %1 毫秒</translation>
    </message>
    <message>
        <source>jitter %1 ms</source>
        <translation>抖动 %1 毫秒</translation>
    </message>
    <message>
        <source>download %1 Mbit/s</source>
        <translation>下载 %1 Mbit/s</translation>
    </message>
</context>
</TS>
