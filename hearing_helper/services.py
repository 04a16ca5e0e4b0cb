"""The application's shared services, built once at start and handed to the UI and commands.

:class:`AppServices` is frozen: what it holds is known when it is opened. What the running
session fills in later (the catalog once loaded, the device provider once a checks page needs
one) lives in its :class:`SessionState`, the one mutable part, typed slot by slot."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_helper.chain_keying import ChainKeying, desk_id_damaged
from hearing_helper.config import SetAside, Settings, SettingsFileError, settings_or_defaults
from hearing_helper.paths import resolve_data_dir
from hearing_helper.private_files import make_private_dir
from hearing_helper.secrets import ensure_audit_key
from hearing_helper.store import AssistRepository, ReportSource, Store, StoreError, open_store
from hearing_helper.store.anchor import Anchor, DamagedAnchorError, read_anchor
from hearing_helper.store.audit import KEYED_ACTION
from hearing_helper.store.errors import UnreadableAuditEntryError
from hearing_helper.store.report_source import ClosableReportSource

if TYPE_CHECKING:  # types only: the catalog loader is not imported at start
    from hearing_helper.catalog import CatalogLoad
    from hearing_helper.checks.device_api import DeviceProvider
    from hearing_helper.store.court_channel import CourtChannel
    from hearing_helper.visits.join_rules import JoinRules


@dataclass(eq=False)
class SessionState:
    """What the session fills in after start, by the features that use it."""

    catalog: CatalogLoad | None = None  # loaded once (ui/catalog_cache.py)
    device_provider: DeviceProvider | None = None  # shared by every wizard's checks page
    join_rules: JoinRules | None = None  # read once (ui/visits/rules_cache.py)


@dataclass(frozen=True, eq=False)  # eq=False: one session is one object (hashed by identity)
class AppServices:
    data_dir: Path
    settings: Settings
    store: Store
    # ``--central URL`` of this run; it wins over the "central" setting (as for ``sync``).
    central_override: str | None = None
    session: SessionState = field(default_factory=SessionState)
    # The settings file that could not be read at start, moved aside (the window says so).
    settings_set_aside: SetAside | None = None

    def central_url(self) -> str:
        """The court's central database this desk sends to: ``--central``, else the setting;
        "" for a desk working alone."""
        return self.central_override or str(self.settings.get("central") or "")

    def open_court_reports(self) -> ClosableReportSource:
        """The court's reports (every desk's records on the central database). It connects, so
        call it in a worker; the caller closes it. The UI reaches the PostgreSQL adapter only
        through here: the import contracts (pyproject.toml) forbid ui -> store.postgres."""
        from hearing_helper.store.postgres.court import CourtReportSource
        from hearing_helper.store.sync.desk import central_address

        return CourtReportSource(central_address(self.central_url()))

    def court_channel(self) -> CourtChannel | None:
        """This desk's narrow view of the court (earlier visits, shared follow-ups), or None
        for a desk working alone. Makes no connection (each call of the channel does)."""
        url = self.central_url()
        if not url:
            return None
        from hearing_helper.desk_identity import desk_id
        from hearing_helper.store.postgres.court_desk import CourtDesk
        from hearing_helper.store.sync.desk import central_address

        return CourtDesk(central_address(url), desk_id(self.data_dir))

    @property
    def repo(self) -> AssistRepository:
        return self.store.repository

    @property
    def reports(self) -> ReportSource:
        return self.store.reports

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        database: str | None = None,
        *,
        central: str | None = None,
        defer_chain_key: bool = False,
        set_aside_bad_settings: bool = False,
    ) -> AppServices:
        """Resolve the data dir, open settings and the database (raises StoreError).

        ``database`` (``--database``) overrides the ``"database"`` setting; neither means the
        SQLite file in the data dir. ``central`` (``--central``) overrides the "central"
        setting for this run. ``defer_chain_key`` (the GUI): the audit chain is keyed by
        :meth:`key_the_chain` or before the first write, whichever comes first
        (chain_keying.py), not here. ``set_aside_bad_settings`` (the GUI): a settings file
        that cannot be read is moved aside and the defaults used (``settings_set_aside``
        says so), not refused."""
        resolved = resolve_data_dir(data_dir)
        try:
            str(resolved).encode("utf-8")
        except UnicodeEncodeError:
            # Bytes in another encoding ($HEARING_HELPER_DATA, say): nothing downstream could
            # store or hash the name, so refuse it here, before any folder is made.
            shown = str(resolved).encode("utf-8", "backslashreplace").decode("utf-8")
            raise StoreError(
                f"The data folder {shown} cannot be used: its name is not UTF-8 text. "
                "Give --data-dir (or HEARING_HELPER_DATA) a folder with a UTF-8 name."
            ) from None
        try:
            make_private_dir(resolved)  # 0700 (private_files.py)
        except OSError as exc:
            raise StoreError(
                f"The data folder {resolved} cannot be used: {exc.strerror or exc}. "
                "Give --data-dir a folder this user can write."
            ) from exc
        set_aside = None
        if set_aside_bad_settings:  # the window: start with defaults, the bad file kept aside
            settings, set_aside = settings_or_defaults(resolved)
        else:
            try:
                settings = Settings(resolved)
            except SettingsFileError as exc:  # damaged: refused by name, never replaced
                raise StoreError(str(exc)) from exc
        url = database if database is not None else settings.get("database")
        store = open_store(resolved, url)
        repo = store.repository
        try:
            if defer_chain_key and not desk_id_damaged(resolved):
                keying = ChainKeying(lambda: _key_the_chain(repo, resolved))
                repo.before_write = keying.ensure
            else:
                _key_the_chain(repo, resolved)
        except BaseException:
            store.close()
            raise
        return cls(
            data_dir=resolved,
            settings=settings,
            store=store,
            central_override=central or None,
            settings_set_aside=set_aside,
        )

    def key_the_chain(self) -> None:
        """Key the audit chain now if opening deferred it (a no-op otherwise); raises what
        opening would have raised."""
        gate = self.repo.before_write
        if gate is not None:
            gate()

    def close(self) -> None:
        self.store.close()


def _key_the_chain(repo: AssistRepository, data_dir: Path) -> None:
    """Give the repository the desk's audit key (kept in the OS keyring, never in the data
    folder), and record in the chain itself that it is keyed (store/audit.py, KEYED_ACTION)."""
    try:
        recorded = repo.latest_audit((KEYED_ACTION,)) is not None
    except UnreadableAuditEntryError:
        recorded = True  # an edited marker is still a marker (verify-log reports the edit)
    try:
        anchored = bool((read_anchor(data_dir) or Anchor(0, "")).keyed_from)
    except DamagedAnchorError:
        anchored = False  # verify-log reports the damaged anchor
    try:
        key = ensure_audit_key(
            data_dir, repo.audit_head_seq() + 1, chain_keyed=recorded or anchored
        )
    except ValueError as exc:  # a damaged desk id file: the key cannot be named
        raise StoreError(str(exc)) from None
    repo.audit_key = key
    if key is not None and not recorded:
        repo.append_audit("system", KEYED_ACTION, {"from_seq": key.from_seq, "key_id": key.key_id})
