"""Device and network checks: framework, analysis and check definitions. Qt-free except
``checks/devices/`` (thin QtMultimedia adapters)."""
