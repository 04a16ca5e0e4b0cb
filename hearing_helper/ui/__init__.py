"""Qt Widgets user interface: the only package that imports Qt, including the QtMultimedia
device adapters (``ui/devices/``) and the PDF painter (``ui/pdf/``)."""
