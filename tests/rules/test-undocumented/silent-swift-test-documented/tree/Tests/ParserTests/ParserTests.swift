import XCTest
final class ParserTests: XCTestCase { func testParse() {} }
