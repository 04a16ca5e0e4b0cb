"""The application shell around the wizard: profile, history, record detail, settings, drafts."""
