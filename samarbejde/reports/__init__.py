"""The facts of a session (the summary model) and every document made from them: the report as
data, Markdown/HTML/CSV, Word, spreadsheets, the agenda's calendar, the partner's page, the
samarbejdsaftale and the comparison."""
