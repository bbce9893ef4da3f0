"""Which origins may reach the backend (rxconfig.py reads mbs.ui.origins).

No browser needed; it lives with the app-shell tests because it guards the
websocket those tests connect through.
"""

import pytest

from mbs.ui.origins import LOCAL_DEV_ORIGINS, OriginsConfigError, allowed_origins


def test_defaults_to_the_local_dev_origins_only() -> None:
    assert allowed_origins({}) == LOCAL_DEV_ORIGINS
    assert "*" not in allowed_origins({})


def test_reads_a_comma_separated_list() -> None:
    environ = {"MBS_CORS_ORIGINS": " https://muhtar.example.tr/ , http://10.0.0.5:3000,"}
    assert allowed_origins(environ) == ("https://muhtar.example.tr", "http://10.0.0.5:3000")


def test_production_refuses_to_start_without_origins() -> None:
    with pytest.raises(OriginsConfigError, match="MBS_CORS_ORIGINS tanımlanmalıdır"):
        allowed_origins({"MBS_ENV": "production"})
    production = {"MBS_ENV": "production", "MBS_CORS_ORIGINS": "https://muhtar.example.tr"}
    assert allowed_origins(production) == ("https://muhtar.example.tr",)


@pytest.mark.parametrize("value", ["*", "https://a.example.tr,*", "muhtar.example.tr"])
def test_rejects_a_wildcard_or_an_origin_without_scheme(value: str) -> None:
    with pytest.raises(OriginsConfigError):
        allowed_origins({"MBS_CORS_ORIGINS": value})
