"""SMS providers, and the one chosen by the environment.

MBS_SMS_PROVIDER=netgsm|verimor|dev (default dev, refused in production unless asked
for by name, since it prints login codes on the console and keeps them in the file
MBS_SMS_DEV_OUTBOX, default var/sms-dev-outbox.jsonl):

* netgsm: MBS_NETGSM_USERCODE, MBS_NETGSM_PASSWORD, MBS_NETGSM_HEADER,
  MBS_NETGSM_BASE_URL (default https://api.netgsm.com.tr), MBS_NETGSM_OTP_ENDPOINT
  (default 1: login codes through Netgsm's OTP service; 0 for accounts without it);
* verimor: MBS_VERIMOR_USERNAME, MBS_VERIMOR_PASSWORD, MBS_VERIMOR_SOURCE_ADDR,
  MBS_VERIMOR_BASE_URL (default https://sms.verimor.com.tr).
"""

import os
from collections.abc import Mapping

from mbs.core.errors import ValidationError
from mbs.core.sms import dev_outbox
from mbs.core.sms.providers import netgsm, verimor
from mbs.core.sms.providers.base import SmsProvider
from mbs.core.sms.providers.dev import DevProvider
from mbs.core.sms.providers.netgsm import NetgsmProvider
from mbs.core.sms.providers.verimor import VerimorProvider

__all__ = ["DevProvider", "NetgsmProvider", "SmsProvider", "VerimorProvider", "provider_from_env"]


def provider_from_env(environ: Mapping[str, str] = os.environ) -> SmsProvider:
    """The configured provider; a clear Turkish error names any missing variable (never
    its value)."""
    choice = environ.get("MBS_SMS_PROVIDER", "").strip().lower()
    if choice in ("", "dev"):
        production = environ.get("MBS_ENV", "").strip().lower() == "production"
        if production and not choice:
            raise ValidationError(
                "Üretim ortamında MBS_SMS_PROVIDER ayarlanmalı (netgsm veya verimor)."
            )
        return DevProvider(outbox=dev_outbox.outbox_path(environ))
    if choice == "netgsm":
        values = _required(
            environ, "MBS_NETGSM_USERCODE", "MBS_NETGSM_PASSWORD", "MBS_NETGSM_HEADER"
        )
        return NetgsmProvider(
            usercode=values[0],
            password=values[1],
            header=values[2],
            base_url=_base_url(environ, "MBS_NETGSM_BASE_URL", netgsm.DEFAULT_BASE_URL),
            use_otp_endpoint=environ.get("MBS_NETGSM_OTP_ENDPOINT", "1").strip() != "0",
        )
    if choice == "verimor":
        values = _required(
            environ, "MBS_VERIMOR_USERNAME", "MBS_VERIMOR_PASSWORD", "MBS_VERIMOR_SOURCE_ADDR"
        )
        return VerimorProvider(
            username=values[0],
            password=values[1],
            source_addr=values[2],
            base_url=_base_url(environ, "MBS_VERIMOR_BASE_URL", verimor.DEFAULT_BASE_URL),
        )
    raise ValidationError(
        f"MBS_SMS_PROVIDER tanınmadı: {choice!r}. netgsm, verimor veya dev olmalı."
    )


def _required(environ: Mapping[str, str], *names: str) -> list[str]:
    missing = [name for name in names if not environ.get(name, "").strip()]
    if missing:
        raise ValidationError(f"SMS sağlayıcısı için eksik ayar: {', '.join(missing)}.")
    return [environ[name].strip() for name in names]


def _base_url(environ: Mapping[str, str], name: str, default: str) -> str:
    return (environ.get(name, "").strip() or default).rstrip("/")
