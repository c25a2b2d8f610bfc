# hub tests (issue 14)
