"""Device and network checks: framework, analysis and check definitions. Qt-free: the
QtMultimedia adapters that fill :class:`~hearing_helper.checks.device_api.DeviceProvider` live in
``ui/devices/``."""
