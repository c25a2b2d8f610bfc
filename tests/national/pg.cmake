# pg tests (issue 14)
