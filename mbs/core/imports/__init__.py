"""CSV imports: the DETSİS unit list and the muhtar registry.

Every import validates the whole file first and writes nothing if any row is bad
(CsvImportError lists every problem by line number); a good file is applied in the
caller's transaction and can be imported again without changing anything.
"""

from mbs.core.imports.csv_rows import ImportReport
from mbs.core.imports.muhtars_csv import import_muhtars
from mbs.core.imports.units_csv import import_units

__all__ = ["ImportReport", "import_muhtars", "import_units"]
