# http tests (issue 14)
