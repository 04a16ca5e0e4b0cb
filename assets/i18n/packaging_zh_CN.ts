<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>self_test</name>
    <message>
        <source>Hearing Helper</source>
        <translation>庭审协助助手</translation>
    </message>
</context>
</TS>
