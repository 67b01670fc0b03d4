/// Writes an Excel workbook (Office Open XML SpreadsheetML, `.xlsx`: a zip of XML parts) with
/// one worksheet per table: a bold header row, frozen below the header, with a filter; numbers
/// as number cells; column widths fitted to the content (Chinese characters count double).
public enum XLSXWriter {
    public static func workbook(_ tables: [DataTable]) -> [UInt8] {
        let sheets = tables.isEmpty ? [DataTable(name: "empty", header: [])] : tables
        let names = sheetNames(sheets.map(\.name))
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes(count: sheets.count).utf8))
        zip.add("_rels/.rels", Array(rootRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbookXML(names: names, tables: sheets).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(count: sheets.count).utf8))
        zip.add("xl/styles.xml", Array(styles.utf8))
        for (index, table) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", worksheet(table))
        }
        return zip.finish()
    }

    /// Sheet names as Excel accepts them: at most 31 characters, none of `: \ / ? * [ ]`, unique.
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        return wanted.map { name in
            var base = String(name.map { ":\\/?*[]".contains($0) ? "_" : $0 }.drop(while: { $0 == "'" }))
            while base.hasSuffix("'") { base.removeLast() }
            if base.isEmpty { base = "sheet" }
            var candidate = String(base.prefix(31)), n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// `A`, `B`, … `Z`, `AA`, … for a column from 0.
    static func column(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Text as XML character data: markup escaped, characters XML 1.0 forbids left out.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                let v = scalar.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func width(of cell: DataTable.Cell) -> Int { DisplayWidth.of(cell.text.flattened) }

    static func worksheet(_ table: DataTable) -> [UInt8] {
        let columns = table.header.count
        var widths = table.header.map { DisplayWidth.of($0) + 3 }  // room for the filter button
        for row in table.rows.prefix(2000) {
            for (k, cell) in row.enumerated() where k < columns { widths[k] = max(widths[k], width(of: cell)) }
        }
        widths = widths.map { min(max($0 + 1, 6), 60) }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        if columns > 0 {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if columns > 0 {
            xml += "<cols>"
            for (k, w) in widths.enumerated() { xml += "<col min=\"\(k + 1)\" max=\"\(k + 1)\" width=\"\(w)\" customWidth=\"1\"/>" }
            xml += "</cols>"
        }
        var out = Array(xml.utf8)
        out += Array("<sheetData>".utf8)
        func row(_ number: Int, _ cells: [DataTable.Cell], style: Int) {
            var line = "<row r=\"\(number)\">"
            for (k, cell) in cells.enumerated() {
                let ref = "\(column(k))\(number)"
                let s = style > 0 ? " s=\"\(style)\"" : ""
                switch cell {
                case .empty: continue
                case .number(let literal): line += "<c r=\"\(ref)\"\(s)><v>\(literal)</v></c>"
                case .text(let text): line += "<c r=\"\(ref)\"\(s) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
                }
            }
            line += "</row>"
            out += Array(line.utf8)
        }
        if columns > 0 { row(1, table.header.map(DataTable.Cell.text), style: 1) }
        for (index, cells) in table.rows.enumerated() { row(index + 2, cells, style: 0) }
        out += Array("</sheetData>".utf8)
        if columns > 0 { out += Array("<autoFilter ref=\"A1:\(column(columns - 1))\(table.rows.count + 1)\"/>".utf8) }
        out += Array("</worksheet>".utf8)
        return out
    }

    static func contentTypes(count: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in 1...count {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbookXML(names: [String], tables: [DataTable]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets><definedNames>"
        for (index, table) in tables.enumerated() where !table.header.isEmpty {
            let quoted = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
            xml += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
            xml += escape("\(quoted)!$A$1:$\(column(table.header.count - 1))$\(table.rows.count + 1)") + "</definedName>"
        }
        return xml + "</definedNames></workbook>"
    }

    static func workbookRelationships(count: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in 1...count {
            xml += "<Relationship Id=\"rId\(index)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
