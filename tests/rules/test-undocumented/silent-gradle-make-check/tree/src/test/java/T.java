class T {}
