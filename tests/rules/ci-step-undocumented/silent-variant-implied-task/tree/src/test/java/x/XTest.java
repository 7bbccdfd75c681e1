package x;
class XTest {}
