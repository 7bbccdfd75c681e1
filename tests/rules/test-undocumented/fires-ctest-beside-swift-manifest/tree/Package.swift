// swift-tools-version:5.9
import PackageDescription

let package = Package(name: "zlibx", targets: [.target(name: "zlibx", path: "lib")])
