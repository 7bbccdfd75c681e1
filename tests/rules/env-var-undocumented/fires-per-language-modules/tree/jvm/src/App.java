class App {
  String token() { return System.getenv("JVM_TOKEN"); }
}
