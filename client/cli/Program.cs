// Replaced by the CLI verbs (issues 5 and 6).
return 1;
