<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>settings</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help-desk phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network check time limit (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra network test addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>This field is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number not recognised. Expected the form (year)court code + case type + number + 号, e.g. {example}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The year {year} in the case number is not plausible (1990 to {max_year}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number not recognised. Expected an 11-digit mobile number starting with 1 (e.g. 138 1234 5678) or a landline with area code (e.g. 010-12345678).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name must be 1 to {max} characters long (now {length}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name contains invisible control characters; please retype it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name should not contain digits; please check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hearing time is more than {days} days in the past; please check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hearing time is more than {days} days ahead; please check the year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction is a whole number from 1 to 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose why the litigant did not join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {max} characters (now {length}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
