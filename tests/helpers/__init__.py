"""What the tests share, by subject. A test module imports from here, never from another test
module or from conftest.py (which holds only fixtures and pytest hooks):

- `program`: the pinned clock, the test data's folders, the program run in-process
  (`quiet_env`), as a child process (`run_program`), and in-process as that child would run
  it (`run_inside`: for the cases of a kind beside the one that runs the real program)
- `prompts`: the real prompts driven in-process (`drive`, `make_env`, `screen`, `load` …)
- `wizard_script`, `wizard_lines`: one whole run of the wizard as keystrokes and as lines
- `pty`: the real program in a pseudo-terminal (`spawn`, `play`, `finish`)
- `compare_fixtures`: a kommune's and a forening's sessions, for compare and share
- `report_fixtures`: writes the printed report's fixture sessions
- `browser`, `office`, `pdf`: headless Chromium, LibreOffice, the printed page's geometry and a
  tagged PDF's text outside its tags (pikepdf)
- `planted`: a cache's file spoilt as a teammate could (group-writable, a link, an open folder)
- `seed`: the seed guide's wording and the corrections the content makes to it
"""
