import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny W3C WebDriver client: `chromedriver` on a free loopback port, one headless Chromium
/// session, JSON over HTTP (``RawHTTP``). Enough to navigate, find, click, read and screenshot.
final class WebDriver: @unchecked Sendable {
    static let chromedriver = "/usr/bin/chromedriver"
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Failure: Error, CustomStringConvertible { var description: String }

    let process = Process()
    let base: String
    let port: Int
    var session = ""

    /// Why the browser cannot run here, or nil when it can: checked once (starts a session).
    static let unavailable: String? = {
        guard FileManager.default.isExecutableFile(atPath: chromedriver) else {
            return "chromedriver is not installed (apt-get install chromium chromium-driver fonts-wqy-zenhei)"
        }
        guard chromium != nil else { return "chromium is not installed (apt-get install chromium chromium-driver fonts-wqy-zenhei)" }
        do {
            let driver = try WebDriver()
            driver.quit()
            return nil
        } catch {
            return "chromium cannot run here: \(error)"
        }
    }()

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    init(width: Int = 1280, height: Int = 900, javascript: Bool = true) throws {
        port = Self.freePort()
        base = "http://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: Self.chromedriver)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let status = try? call("GET", "/status"), (status["value"] as? [String: Any])?["ready"] as? Bool == true { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        var args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=\(width),\(height)",
                    "--lang=zh-CN"]
        if !javascript { args.append("--blink-settings=scriptEnabled=false") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": Self.chromium ?? "", "args": args],
        ]]]
        do {
            let answer = try call("POST", "/session", capabilities)
            guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
                throw Failure(description: "no session: \(answer)")
            }
            session = id
        } catch {
            quit()
            throw error
        }
    }

    /// One WebDriver command, synchronously.
    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        let body = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try RawHTTP.request(port: port, method, path, headers: body == nil ? [:] : ["Content-Type": "application/json"],
                                           body: body.map { Array($0) } ?? [])
        let data = Data(response.body)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw Failure(description: "not JSON") }
        if let value = json["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(error): \(String(describing: value["message"] ?? "").prefix(300))")
        }
        return json
    }

    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try call(method, "/session/\(session)" + path, body)["value"]
    }

    func open(_ url: String) throws { _ = try command("POST", "/url", ["url": url]) }

    var title: String { (try? command("GET", "/title") as? String) ?? "" }
    var currentURL: String { (try? command("GET", "/url") as? String) ?? "" }

    /// Whether the page's address satisfies `test` within `seconds` (a submitted form navigates
    /// after the click returns; reading the address at once can see the old page).
    func waitForURL(seconds: Double = 15, _ test: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if test(currentURL) { return true }
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    func find(_ css: String) throws -> String {
        guard let value = try command("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any],
              let id = value[Self.elementKey] as? String else { throw Failure(description: "no element \(css)") }
        return id
    }

    func findAll(_ css: String) throws -> [String] {
        let values = (try command("POST", "/elements", ["using": "css selector", "value": css]) as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        return values.compactMap { $0[Self.elementKey] as? String }
    }

    func click(_ element: String) throws { _ = try command("POST", "/element/\(element)/click", [:]) }
    func attribute(_ element: String, _ name: String) throws -> String? { try command("GET", "/element/\(element)/attribute/\(name)") as? String }
    func text(_ element: String) throws -> String { try command("GET", "/element/\(element)/text") as? String ?? "" }
    func isDisplayed(_ element: String) throws -> Bool { try command("GET", "/element/\(element)/displayed") as? Bool ?? false }

    func script(_ source: String) throws -> Any? { try command("POST", "/execute/sync", ["script": source, "args": []]) }

    /// Presses a key (`\u{E004}` Tab) on the focused element.
    func press(_ key: String) throws {
        _ = try command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": [
            ["type": "keyDown", "value": key], ["type": "keyUp", "value": key]]]]])
    }

    func resize(width: Int, height: Int) throws { _ = try command("POST", "/window/rect", ["width": width, "height": height]) }

    /// A PNG of the viewport, written to `url`.
    @discardableResult
    func screenshot(to url: URL) throws -> Data {
        guard let base64 = try command("GET", "/screenshot") as? String, let png = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        try png.write(to: url)
        return png
    }

    func quit() {
        // Closing the session quits Chromium; chromedriver does not always stop on SIGTERM.
        if !session.isEmpty { _ = try? call("DELETE", "/session/\(session)") }
        session = ""
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }
}
