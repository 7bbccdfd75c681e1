// swift-tools-version:5.9
import PackageDescription

let package = Package(name: "Parser", targets: [.target(name: "Parser")])
