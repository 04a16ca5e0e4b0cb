"""Qt Widgets user interface. The only package (with checks/devices and the PDF writer) that
imports Qt."""
