import Foundation
import Zhibiao
import ZhibiaoCatalog
import ZhibiaoCore

/// The first file of a `multipart/form-data` body: its name and bytes.
struct MultipartFile {
    var filename: String
    var bytes: [UInt8]

    static func first(in body: [UInt8], contentType: String?) throws(WebError) -> MultipartFile {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw WebError(415, "格式不支持 Unsupported", "send the file as multipart/form-data (the upload form does)")
        }
        guard let range = contentType.range(of: "boundary=") else { throw WebError.badRequest("the multipart body has no boundary") }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty, boundary.count <= 200 else { throw WebError.badRequest("the multipart boundary is not valid") }
        let delimiter = Array(("--" + boundary).utf8)
        let closing = Array(("\r\n--" + boundary).utf8)
        var position = 0
        guard let first = find(delimiter, in: body, from: 0) else { throw WebError.badRequest("the multipart body holds no part") }
        position = first + delimiter.count
        while position < body.count {
            // After a delimiter: "--" ends the body, else CRLF and the part's headers.
            if body.count >= position + 2, body[position] == 0x2D, body[position + 1] == 0x2D { break }
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: position) else { break }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let end = find(closing, in: body, from: start) else { throw WebError.badRequest("a multipart part does not end") }
            if let name = filename(in: headers) {
                return MultipartFile(filename: name, bytes: Array(body[start..<end]))
            }
            position = end + closing.count
        }
        throw WebError.badRequest("the form holds no file")
    }

    static func filename(in headers: String) -> String? {
        for line in headers.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("content-disposition") {
            guard let range = line.range(of: "filename=\"") else { continue }
            let rest = line[range.upperBound...]
            guard let close = rest.firstIndex(of: "\"") else { continue }
            return String(rest[..<close])
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        let first = needle[0]
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// A name safe to keep as the document's path: the last component, no control characters,
    /// no leading dots; stored as `upload/NAME` (the catalog keeps the text, no file is written).
    static func storedPath(_ filename: String) -> String {
        let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        while clean.hasPrefix(".") { clean.removeFirst() }
        clean = String(clean.prefix(120)).trimmingCharacters(in: .whitespaces)
        return "upload/" + (clean.isEmpty ? "document.txt" : clean)
    }
}

extension Pages {
    func upload(_ r: WebRequest, body: [UInt8]) async throws -> WebResponse {
        let file = try MultipartFile.first(in: body, contentType: r.headers["content-type"])
        guard !file.bytes.isEmpty else { throw WebError.badRequest("the uploaded file is empty") }
        let path = MultipartFile.storedPath(file.filename)
        let extracted: ExtractedDocument
        do {
            extracted = try pipeline.extractDocument(bytes: file.bytes, path: path, logger: Pipeline.silentLogger)
        } catch {
            throw WebError(422, "无法读取 Cannot read the file", "\(path): \(error)")
        }
        let entry = pipeline.catalogEntry(extracted, levels: levels)
        let outcome = try await store.store(entry, force: false)
        let stored = try await store.resolve(path)
        if case .duplicate(let other) = outcome, let existing = try await store.resolve(other).first {
            return .redirect("/doc/\(existing.id)")
        }
        guard let document = stored.first(where: { $0.path == path }) else {
            throw WebError(500, "入库失败 Not stored", "\(path) was not found in the catalog after storing it")
        }
        return .redirect("/doc/\(document.id)")
    }
}
