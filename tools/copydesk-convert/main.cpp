// copydesk-convert: placeholder until its module lands in this commit series.
int main() { return 0; }
