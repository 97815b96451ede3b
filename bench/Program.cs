// Replaced by the benchmark harness.
return 1;
