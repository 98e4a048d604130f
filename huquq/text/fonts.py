"""The TrueType fonts PDF writers embed: DejaVu Sans (shipped with matplotlib), which covers Latin, Russian
and the Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic letters (ә ғ қ ң ө ұ ү һ і ӣ ӯ ҳ ҷ ў)."""

from __future__ import annotations

from pathlib import Path


def dejavu_paths() -> tuple[Path, Path]:
    """(regular, bold) DejaVu Sans."""
    import matplotlib

    base = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"
