"""Typed settings: ``Settings.get`` is typed by key, and a hand-edited value the app cannot use
gives the option's default and a warning naming the key, never an exception."""

from __future__ import annotations

import dataclasses
import json
import logging
import typing
from pathlib import Path

import pytest

from hearing_helper.config import OPTIONS, NumberKey, Settings, TextKey
from hearing_helper.services import AppServices

# A value of the right JSON type that the app still cannot use, per option.
UNUSABLE: dict[str, object] = {
    "language": "fr",  # no such translation
    "font_scale": 0.0,  # the clerk view cannot be laid out at 0 %
    "network_timeout_s": -5,
    "network_urls": ["http://127.0.0.1:9/", 42],  # one entry is not an address
    "thresholds": {"microphone.rms_warn_dbfs": "loud"},
}
WRONG_TYPE: dict[str, object] = {
    "court_name": ["not", "text"],
    "font_scale": "big",
    "network_urls": "http://127.0.0.1:9/",
    "thresholds": [1, 2],
    "central": True,
}


def _write(data_dir: Path, values: dict[str, object]) -> Settings:
    (data_dir / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    return Settings(data_dir)


def test_the_typed_keys_are_the_options_of_that_type() -> None:
    """The overloads of Settings.get name each option once, with the type it is stored as."""
    by_type = {
        str: set(typing.get_args(TextKey)),
        float: set(typing.get_args(NumberKey)),
        list: {"network_urls"},
        dict: {"thresholds"},
    }
    for option in OPTIONS.values():
        assert option.key in by_type[option.type], option.key
    assert set().union(*by_type.values()) == set(OPTIONS)


@pytest.mark.parametrize("key", sorted(UNUSABLE))
def test_an_unusable_value_gives_the_default_and_a_warning(
    data_dir: Path, caplog: pytest.LogCaptureFixture, key: str
) -> None:
    settings = _write(data_dir, {key: UNUSABLE[key], "court_name": "朝阳法院"})
    with caplog.at_level(logging.WARNING, logger="hearing_helper.config"):
        assert settings.get(key) == OPTIONS[key].default
    assert f"Setting {key} " in caplog.text and "using the default" in caplog.text
    assert settings.get("court_name") == "朝阳法院"  # the good values stay


@pytest.mark.parametrize("key", sorted(WRONG_TYPE))
def test_a_value_of_the_wrong_type_gives_the_default(
    data_dir: Path, caplog: pytest.LogCaptureFixture, key: str
) -> None:
    settings = _write(data_dir, {key: WRONG_TYPE[key]})
    with caplog.at_level(logging.WARNING, logger="hearing_helper.config"):
        assert settings.get(key) == OPTIONS[key].default
    assert f"Setting {key} " in caplog.text


def test_usable_values_are_read_as_their_type(data_dir: Path) -> None:
    settings = _write(
        data_dir,
        {
            "font_scale": 2,  # an int where a float is stored: read as the float
            "network_urls": ["http://127.0.0.1:9/"],
            "thresholds": {"microphone.rms_warn_dbfs": -45},
            "language": "en",
        },
    )
    scale = settings.get("font_scale")
    assert isinstance(scale, float) and scale == 2.0
    assert settings.get("network_urls") == ["http://127.0.0.1:9/"]
    assert settings.get("thresholds") == {"microphone.rms_warn_dbfs": -45}
    assert settings.get("language") == "en"


def test_a_caller_changing_a_default_list_does_not_change_the_next_default(
    data_dir: Path,
) -> None:
    settings = Settings(data_dir)
    settings.get("network_urls").append("http://127.0.0.1:9/")
    assert settings.get("network_urls") == []


def test_writing_a_value_the_option_does_not_accept_is_refused(data_dir: Path) -> None:
    settings = Settings(data_dir)
    with pytest.raises(TypeError, match="font_scale"):
        settings.set("font_scale", 9.0)
    with pytest.raises(TypeError, match="network_urls"):
        settings.set("network_urls", [1])
    assert not (data_dir / "settings.json").exists()  # nothing was written


def test_the_services_are_built_complete_and_stay_as_built(data_dir: Path) -> None:
    services = AppServices.open(data_dir, central="postgresql://desk1@127.0.0.1:1/court")
    try:
        assert services.central_url() == "postgresql://desk1@127.0.0.1:1/court"
        with pytest.raises(dataclasses.FrozenInstanceError):
            services.central_override = None  # type: ignore[misc]  # the point of the test
        services.session.catalog = None  # the late-bound part has its own typed holder
    finally:
        services.close()
