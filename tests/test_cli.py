import io

from huquq import cli


def test_help_lists_huquq_commands(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "audit" in out and "load_demo" in out
    assert "migrate" in out  # Django's commands are mentioned as available


def test_help_text_has_a_summary_for_every_command():
    buffer = io.StringIO()
    cli.print_help(buffer)
    lines = [line for line in buffer.getvalue().splitlines() if line.startswith("  ")]
    assert lines and all(len(line.split(None, 1)) == 2 for line in lines)
