# intake tests (issue 14)
