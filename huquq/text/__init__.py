"""Text tools shared by every app, pure Python (no Django): transliteration and the Latin skeleton."""
