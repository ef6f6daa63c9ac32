"""The site configuration file: discovery, precedence, sources, templates, titles and `wres-convert config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import SAMPLES, run_cli
from wres_convert.errors import EXIT_USAGE, ConversionError
from wres_convert.run.convert import convert_bytes
from wres_convert.writers.site import COMMAND_LINE, CWD_FILE, DEFAULT, load_site


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    site = load_site(cwd=tmp_path)
    assert site.site_name == "NHS England" and site.templates is None and site.titles == ()
    assert site.source("site_name") == DEFAULT and site.source("titles.8") == DEFAULT


def test_precedence_defaults_then_cwd_file_then_config_then_flags(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, 'site_name = "Folder"\nlang = "cy"\n[titles]\n8 = "From the folder"\n')
    site = load_site(cwd=tmp_path)
    assert (site.site_name, site.lang, site.title_overrides()) == ("Folder", "cy", {8: "From the folder"})
    assert site.source("site_name") == CWD_FILE and site.source("wres_url") == DEFAULT

    # --config replaces the folder's file: its lang and title do not carry over.
    other = _write(tmp_path / "elsewhere" / "site.toml", 'site_name = "Named"\n')
    site = load_site(other, cwd=tmp_path)
    assert (site.site_name, site.lang, site.titles) == ("Named", "en-GB", ())
    assert site.source("site_name") == str(other) and site.source("lang") == DEFAULT

    site = load_site(other, cwd=tmp_path, overrides={"site_name": "Flag", "lang": None})
    assert site.site_name == "Flag" and site.source("site_name") == COMMAND_LINE
    assert site.source("lang") == DEFAULT  # an unset flag (None) changes nothing


def test_titles_merge_indicator_by_indicator(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, '[titles]\n8 = "Eight"\n2 = "Two"\n')
    site = load_site(cwd=tmp_path, overrides={"titles": {2: "Flag two"}})
    assert site.title_overrides() == {2: "Flag two", 8: "Eight"}
    assert (site.source("titles.2"), site.source("titles.8"), site.source("titles.3")) == (
        COMMAND_LINE,
        CWD_FILE,
        DEFAULT,
    )


def test_templates_folder_is_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "site" / "tpl").mkdir(parents=True)
    config = _write(tmp_path / "site" / "wres.toml", 'templates = "tpl"\n')
    site = load_site(config, cwd=tmp_path)  # not tmp_path / "tpl": the file's own folder
    assert site.templates == (tmp_path / "site" / "tpl")
    assert site.source("templates") == str(config)


def test_a_missing_templates_folder_is_a_clear_error(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, 'templates = "no-such-folder"\n')
    with pytest.raises(ConversionError) as err:
        load_site(cwd=tmp_path)
    assert err.value.code == "bad-config" and err.value.exit_code == EXIT_USAGE
    assert "templates folder" in err.value.message and "no-such-folder" in err.value.message


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('site_nmae = "Typo"\n', "'site_nmae'"),
        ('[titles]\n10 = "No such indicator"\n', "'titles.10'"),
        (
            '[[further_reading]]\ntext = "A"\nurl = "https://a.example/"\nlink = "x"\n',
            "further_reading[1].link",
        ),
    ],
)
def test_an_unknown_key_is_an_error_naming_it(tmp_path: Path, toml: str, named: str) -> None:
    _write(tmp_path / CWD_FILE, toml)
    with pytest.raises(ConversionError) as err:
        load_site(cwd=tmp_path)
    assert err.value.code == "bad-config" and named in err.value.message


def test_existing_validation_still_applies(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, 'others_url = "javascript:alert(1)"\n')
    with pytest.raises(ConversionError, match="others_url"):
        load_site(cwd=tmp_path)
    with pytest.raises(ConversionError, match=r"titles\.8 must be a non-empty string"):
        load_site(cwd=tmp_path / "none", overrides={"titles": {"8": " "}})


def test_site_stays_hashable(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, '[titles]\n8 = "Eight"\n')
    assert hash(load_site(cwd=tmp_path)) == hash(load_site(cwd=tmp_path))


def test_titles_override_the_subtitle() -> None:
    data = (SAMPLES / "chesterfield.txt").read_bytes()
    assert convert_bytes(data, "chesterfield.txt").subtitle != "X"
    assert convert_bytes(data, "chesterfield.txt", titles={8: "X"}).subtitle == "X"


def test_config_command_text(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, 'site_name = "[b]Our site[/b]"\n[titles]\n8 = "Tackling discrimination"\n')
    r = run_cli("config", cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == b""
    lines = r.stdout.decode().splitlines()
    rows = {line.split()[0]: line for line in lines[1:]}
    assert lines[0].split() == ["setting", "value", "source"]
    assert "[b]Our site[/b]" in rows["site_name"] and rows["site_name"].endswith(CWD_FILE)  # no markup
    assert "Tackling discrimination" in rows["titles.8"] and rows["titles.8"].endswith(CWD_FILE)
    assert rows["lang"].endswith(DEFAULT) and "en-GB" in rows["lang"]
    # Aligned: every source starts in the same column.
    assert len({line.rindex(" ") for line in lines[1:]}) == 1


def test_config_command_json_with_config_file(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, 'site_name = "Folder"\n')
    _write(tmp_path / "other.toml", 'lang = "cy"\n')
    out = json.loads(run_cli("config", "--config", "other.toml", "--format", "json", cwd=tmp_path).stdout)
    assert out["lang"] == {"value": "cy", "source": "other.toml"}
    assert out["site_name"] == {"value": "NHS England", "source": DEFAULT}  # the folder's file is not read
    assert out["titles.8"]["source"] == DEFAULT and out["further_reading"]["value"][0]["url"].startswith(
        "https:"
    )
    assert set(out) >= {"standard", "standard_url", "others_url", "templates", "titles.1", "titles.9"}


def test_config_command_bad_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _write(tmp_path / CWD_FILE, 'site_nmae = "Typo"\n')
    r = run_cli("config", cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == b""
    err = r.stderr.decode()
    assert err.count("\n") == 1 and err.startswith(f"{CWD_FILE}: ") and "site_nmae" in err
