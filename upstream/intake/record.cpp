// Placeholder until its owner writes it (issue 14).
