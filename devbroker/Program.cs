// Replaced by the dev broker's command line (issue 3).
return 1;
