import Foundation
import Testing
import ZhibiaoTestSupport

/// `zhibiao serve` over HTTP, the built binary on a loopback port: pages, errors, bounds, access.
@Suite(.serialized) struct WebServerTests {
    @Test func everyPageAnswersWithTheCatalogsContent() throws {
        let server = try ServedCatalog()
        defer { server.stop() }
        let library = try server.get("/")
        #expect(library.status == 200)
        #expect(library.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(library.text.contains("href=\"/doc/1\"") && library.text.contains("href=\"/doc/2\""))
        #expect(library.header("Content-Security-Policy")?.contains("default-src 'none'") == true)

        // Every stored indicator of a document is one element with its catalog id.
        let jsonl = try CommandRunner.run(["query", "--db", server.database, "--doc", "1", "--format", "jsonl"])
        let ids = jsonl.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #""id":"[^"]+""#, options: .regularExpression) else { return nil }
            return String(line[range].dropFirst(6).dropLast())
        }
        #expect(!ids.isEmpty)
        let document = try server.get("/doc/1")
        #expect(document.status == 200)
        for id in ids { #expect(document.text.components(separatedBy: "data-indicator-id=\"\(id)\"").count == 2, "indicator \(id)") }
        #expect(document.text.contains("class=\"outline\"") && document.text.contains("id=\"d-"))

        for path in ["/doc/1/checklist", "/doc/2/checklist", "/query", "/query?metric=%E5%B9%BC", "/diff", "/diff?parent=1&child=2",
                     "/diff?parent=1&child=2&verdict=looser", "/?q=%E6%89%98%E4%BD%8D", "/?sort=targets&order=desc&level=county",
                     "/static/zhibiao.css", "/static/zhibiao.js"] {
            let page = try server.get(path)
            #expect(page.status == 200, "\(path): \(page.status)")
        }
        let diff = try server.get("/diff?parent=1&child=2")
        #expect(diff.text.contains("class=\"summary\"") && diff.text.contains("web-bar"))
        let css = try server.get("/static/zhibiao.css").text
        #expect(css.contains("\"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif"))
        #expect(!library.text.contains("http://") && !library.text.contains("https://"), "no external resource")

        // Downloads.
        let csv = try server.get("/query.csv?role=target")
        #expect(csv.status == 200 && csv.header("Content-Disposition")?.contains("attachment") == true)
        #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try server.get("/query.jsonl?role=target").text.split(separator: "\n").count > 1)
        #expect(try server.get("/query.xlsx?role=target").body.starts(with: Array("PK".utf8)))
        #expect(try server.get("/doc/1/checklist.xlsx").body.starts(with: Array("PK".utf8)))
        #expect(try server.get("/doc/1/checklist.csv").text.contains("status"))
        #expect(try server.get("/doc/1/checklist-full.csv").status == 200)
    }

    @Test func errorsArePagesWithFittingStatusCodes() throws {
        let server = try ServedCatalog()
        defer { server.stop() }
        let cases: [(String, Int)] = [
            ("/doc/999", 404), ("/doc/abc", 404), ("/doc/1/nothing", 404), ("/nothing", 404), ("/doc/-1", 404),
            ("/query?year=abc", 400), ("/query?year=2030-2020", 400), ("/query?kind=banana", 400), ("/query?level=galaxy", 400),
            ("/query?role=boss", 400), ("/query?limit=-5", 400), ("/query?doc=%E6%B2%A1%E6%9C%89", 404), ("/?sort=evil", 400),
            ("/?page=0", 400), ("/doc/1?hl=5", 400), ("/diff?parent=1&child=1", 400), ("/diff?parent=x&child=2", 400),
            ("/diff?parent=1&child=999", 404), ("/query?metric=%E0%A4%A", 400), ("/doc/1/checklist?status=finished", 400),
        ]
        for (path, status) in cases {
            let response = try server.get(path)
            #expect(response.status == status, "\(path): \(response.status)")
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true, "\(path)")
            #expect(response.text.contains("<h1>\(status) "), "\(path)")
            #expect(!response.text.contains("Swift/") && !response.text.contains("Fatal error"), "\(path)")
        }
        #expect(try RawHTTP.request(port: server.port, "DELETE", "/doc/1").status == 405)
    }

    @Test func pathTraversalNeverReachesTheFileSystem() throws {
        let server = try ServedCatalog()
        defer { server.stop() }
        for path in ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                     "/static/%252e%252e/etc/passwd", "/../../../etc/passwd", "/static//etc/passwd", "/static/zhibiao.css/../../../etc/passwd",
                     "/static/..\\..\\etc\\passwd", "/doc/..%2f..%2fetc%2fpasswd", "/static/%00", "/static/zhibiao.css%00.png",
                     "/static/" + String(repeating: "../", count: 50) + "etc/passwd"] {
            let response = try server.get(path)
            #expect([400, 404].contains(response.status), "\(path): \(response.status)")
            #expect(!response.text.contains("root:x:0:0"), "\(path)")
        }
    }

    @Test func injectionAttemptsInEveryParameterChangeNothing() throws {
        let server = try ServedCatalog(["--allow-edits"])
        defer { server.stop() }
        let attacks = ["' OR '1'='1", "1; DROP TABLE document; --", "\" OR 1=1 --", "%' UNION SELECT original_text FROM document --",
                       "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "../../../../etc/passwd", "1)) OR ((1=1",
                       String(repeating: "界", count: 150), "\u{0}", "{{7*7}}", "$(id)"]
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let routes: [(String, [String])] = [
            ("/", ["q", "filter", "level", "script", "sort", "order", "page"]),
            ("/query", ["metric", "kind", "unit", "year", "scope", "doc", "issuer", "level", "role", "section", "limit"]),
            ("/query.csv", ["metric", "doc", "year"]),
            ("/doc/1", ["hl"]),
            ("/doc/1/checklist", ["section", "status", "binding", "metric"]),
            ("/diff", ["parent", "child", "verdict"]),
        ]
        for (route, names) in routes {
            for name in names {
                for attack in attacks {
                    let path = route + "?" + name + "=" + (attack.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
                    let response = try server.get(path)
                    #expect([200, 400, 404].contains(response.status), "\(path): \(response.status)")
                    #expect(!response.text.contains("<script>alert") && !response.text.contains("<img src=x"), "\(path)")
                    #expect(!response.text.contains("root:x:0:0") && !response.text.contains("uid="), "\(path)")
                }
            }
        }
        // Posted fields: the note is kept as text, other fields are checked.
        for attack in attacks {
            let indicator = try #require(try firstTargetID(server))
            let ok = try server.post("/doc/1/mark", form: [("indicator", indicator), ("status", "doubtful"), ("note", attack)])
            #expect([303, 400].contains(ok.status), "note \(attack): \(ok.status)")
            for (name, value) in [("indicator", attack), ("status", attack)] {
                var form = [("indicator", indicator), ("status", "done"), ("note", "x")]
                form.removeAll { $0.0 == name }
                form.append((name, value))
                let response = try server.post("/doc/1/mark", form: form)
                #expect([400, 404].contains(response.status), "\(name)=\(attack): \(response.status)")
            }
            #expect([404].contains(try server.post("/doc/\(attack.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")/mark",
                                                   form: [("indicator", indicator), ("status", "done")]).status))
        }
        let checklist = try server.get("/doc/1/checklist")
        #expect(!checklist.text.contains("<script>alert"))
        // The catalog is whole: both documents, the integrity check passes.
        let list = try CommandRunner.run(["list", "--db", server.database, "--check", "--format", "jsonl"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").count == 2)
    }

    func firstTargetID(_ server: ServedCatalog) throws -> String? {
        let page = try server.get("/doc/1/checklist").text
        guard let range = page.range(of: #"name="indicator" value="[^"]+""#, options: .regularExpression) else { return nil }
        return String(page[range].dropFirst("name=\"indicator\" value=\"".count).dropLast())
    }

    @Test func readOnlyUnlessEditsAreAllowed() throws {
        let server = try ServedCatalog()
        defer { server.stop() }
        let page = try server.get("/doc/1/checklist").text
        #expect(!page.contains("<form method=\"post\""))
        #expect(try server.post("/doc/1/mark", form: [("indicator", "x"), ("status", "done")]).status == 403)
        #expect(try RawHTTP.request(port: server.port, "POST", "/upload", body: Array("x".utf8)).status == 403)
    }

    @Test func checklistMarksAreKeptInTheStoreAndDownloaded() throws {
        let server = try ServedCatalog(["--allow-edits"])
        defer { server.stop() }
        let indicator = try #require(try firstTargetID(server))
        let saved = try server.post("/doc/1/mark", form: [("indicator", indicator), ("status", "in-progress"), ("note", "已报送 <b>区发改委</b>")])
        #expect(saved.status == 303)
        #expect(saved.header("Location")?.hasPrefix("/doc/1/checklist#t-") == true)
        let page = try server.get("/doc/1/checklist?status=in-progress").text
        #expect(page.contains("已报送 &lt;b&gt;区发改委&lt;/b&gt;"))
        #expect(page.contains("<option value=\"in-progress\" selected>进行中</option>"))
        let csv = try server.get("/doc/1/checklist.csv").text
        #expect(csv.contains("进行中") && csv.contains("已报送 <b>区发改委</b>"))
        // Another site's form cannot post here.
        let foreign = try server.post("/doc/1/mark", form: [("indicator", indicator), ("status", "done")], headers: ["Origin": "http://evil.example"])
        #expect(foreign.status == 403)
        // A document's indicator only through its own document.
        #expect(try server.post("/doc/2/mark", form: [("indicator", indicator), ("status", "done")]).status == 404)
    }

    @Test func uploadIngestsAFileAndKeepsItsScript() throws {
        let server = try ServedCatalog(["--allow-edits"])
        defer { server.stop() }
        let text = "關於推進托育服務發展的實施方案\n一、主要目標\n到2025年，每千人口擁有3歲以下嬰幼兒托位數達到4.5個。\n"
        let boundary = "----zhibiao\(UUID().uuidString)"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/方案.txt\"\r\nContent-Type: text/plain\r\n\r\n".utf8)
        body += Array(text.utf8) + Array("\r\n--\(boundary)--\r\n".utf8)
        let response = try RawHTTP.request(port: server.port, "POST", "/upload",
                                           headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
        #expect(response.status == 303, "\(response.text)")
        let location = try #require(response.header("Location"))
        let page = try server.get(location)
        #expect(page.status == 200)
        #expect(page.text.contains("擁有3歲以下嬰幼兒托位數"), "Traditional stays Traditional")
        #expect(page.text.contains("upload/方案.txt") && !page.text.contains("etc/方案"))
        #expect(page.text.contains("data-indicator-id="))
        // Not a multipart body: 415; no file: 400.
        #expect(try RawHTTP.request(port: server.port, "POST", "/upload", headers: ["Content-Type": "text/plain"], body: Array("x".utf8)).status == 415)
        let empty = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
        #expect(try RawHTTP.request(port: server.port, "POST", "/upload", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                    body: empty).status == 400)
    }

    /// A 100 MB upload, streamed: refused with 413 long before it is all sent, and the server
    /// never holds it (its memory stays far below 100 MB more than at rest).
    @Test(arguments: [false, true]) func aHundredMegabyteUploadIsRefusedWithoutBufferingIt(chunked: Bool) throws {
        let server = try ServedCatalog(["--allow-edits", "--max-upload", "4"])
        defer { server.stop() }
        _ = try server.get("/")
        let before = server.residentKB ?? 0
        let total = 100 * 1_048_576
        let fd = try RawHTTP.connect(port: server.port)
        defer { close(fd) }
        var head = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        head += chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: \(total)\r\n\r\n"
        #expect(RawHTTP.send(fd, Array(head.utf8)))
        let chunk = [UInt8](repeating: 0x41, count: 256 * 1024)
        var sent = 0
        while sent < total {
            let piece = chunked ? Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + [13, 10] : chunk
            if !RawHTTP.send(fd, piece) { break }
            sent += chunk.count
            // Stop once the server has answered.
            var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&probe, 1, 0) > 0 { break }
        }
        let response = RawHTTP.readResponse(fd)
        #expect(response?.status == 413, "after \(sent) bytes: \(String(describing: response?.status))")
        #expect(sent < total, "the server read all 100 MB before refusing")
        let after = server.residentKB ?? 0
        #expect(after - before < 60_000, "the server grew by \(after - before) kB")
        // It still serves.
        #expect(try server.get("/").status == 200)
    }

    @Test func aTokenIsRequiredWhenAsked() throws {
        let server = try ServedCatalog(["--token-required"])
        defer { server.stop() }
        let token = try #require(server.token)
        #expect(token.count == 64)
        #expect(try server.get("/").status == 401)
        #expect(try server.get("/doc/1").status == 401)
        #expect(try server.get("/static/zhibiao.css").status == 401)
        #expect(try server.get("/?token=wrong").status == 401)
        let login = try server.get("/doc/1?token=\(token)")
        #expect(login.status == 303 && login.header("Location") == "/doc/1")
        let cookie = try #require(login.header("Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let value = String(cookie.split(separator: ";")[0])
        #expect(try server.get("/doc/1", headers: ["Cookie": value]).status == 200)
        #expect(try server.get("/doc/1", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        #expect(try server.get("/doc/1", headers: ["Cookie": "zhibiao_token=\(String(token.reversed()))"]).status == 401)
    }

    @Test func onlyLoopbackHostNamesAreAnswered() throws {
        let server = try ServedCatalog()
        defer { server.stop() }
        #expect(try server.get("/", headers: ["Host": "evil.example:80"]).status == 421)
        #expect(try server.get("/", headers: ["Host": "localhost:\(server.port)"]).status == 200)
    }

    @Test func aMissingCatalogIsReportedNotServed() throws {
        let directory = RepoPaths.temporaryDirectory("zhibiao-web-missing")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["serve", "--db", directory.appendingPathComponent("none.sqlite").path], timeout: 30)
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("zhibiao: "))
    }
}
