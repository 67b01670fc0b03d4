extension DocumentTree {
    /// A broken invariant of a ``DocumentTree``.
    public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Checks the tree against its original text of `originalCount` scalars:
    /// - every span is in bounds; paths are unique; a node lies inside its parent and siblings
    ///   do not overlap; sentences lie in their node's own text, in order;
    /// - the root covers the text, so every character is in exactly one node's own text (the
    ///   innermost node containing it); noise blocks do not overlap each other or any sentence,
    ///   so a character is never both body text and noise (white space and characters
    ///   normalization deleted are ignorable);
    /// - every other character is in a sentence of its node: nothing is lost;
    /// - metadata spans are in bounds.
    ///
    /// Linear in the text plus the tree.
    public func checkInvariants(originalCount: Int, isIgnorable: (Int) -> Bool) throws(InvariantViolation) {
        func fail(_ message: String) throws(InvariantViolation) { throw InvariantViolation(description: message) }
        func inBounds(_ span: OriginalSpan) -> Bool { span.start >= 0 && span.start <= span.end && span.end <= originalCount }

        guard let root = nodes.first, root.level == 0, root.path == "", root.span == OriginalSpan(start: 0, end: originalCount) else {
            try fail("the first node is not the root covering the whole text")
            return
        }
        var paths = Set<String>()
        var byPath: [String: StructureNode] = [:]
        for node in nodes {
            if !inBounds(node.span) { try fail("node \(node.path) span \(node.span) out of bounds 0..<\(originalCount)") }
            if !paths.insert(node.path).inserted { try fail("duplicate path \(node.path)") }
            byPath[node.path] = node
            if node.level > 0 {
                let parentPath = node.path.contains("/") ? String(node.path[..<node.path.lastIndex(of: "/")!]) : ""
                guard let parent = byPath[parentPath] else { try fail("node \(node.path) comes before its parent"); continue }
                if parent.level != node.level - 1 { try fail("node \(node.path) at level \(node.level) under level \(parent.level)") }
                if !parent.span.contains(node.span) { try fail("node \(node.path) \(node.span) outside its parent \(parent.span)") }
            }
            if let heading = node.headingSpan, !node.span.contains(heading) { try fail("heading of \(node.path) outside the node") }
        }
        // Own text: the node's span minus its children's spans.
        var owner = [Int32](repeating: -1, count: originalCount)
        var covered = [UInt8](repeating: 0, count: originalCount)
        for (index, node) in nodes.enumerated() {
            for offset in node.span.range { owner[offset] = Int32(index) }  // children come later and overwrite
        }
        var previousEnd: [String: Int] = [:]
        for node in nodes where node.level > 0 {
            let parentPath = node.path.contains("/") ? String(node.path[..<node.path.lastIndex(of: "/")!]) : ""
            if let end = previousEnd[parentPath], node.span.start < end { try fail("node \(node.path) overlaps its previous sibling") }
            previousEnd[parentPath] = node.span.end
        }
        for block in noise {
            if !inBounds(block.span) { try fail("noise \(block.span) out of bounds") }
            for offset in block.span.range {
                covered[offset] += 1
                if covered[offset] > 1 { try fail("offset \(offset) is in two noise blocks") }
            }
        }
        var inSentence = [Bool](repeating: false, count: originalCount)
        for (index, node) in nodes.enumerated() {
            var last = -1
            for sentence in node.sentences {
                if !inBounds(sentence) || sentence.isEmpty { try fail("sentence \(sentence) of \(node.path) empty or out of bounds") }
                if sentence.start < last { try fail("sentences of \(node.path) out of order at \(sentence)") }
                last = sentence.end
                for offset in sentence.range { inSentence[offset] = true }
                for offset in sentence.range where !isIgnorable(offset) {
                    if owner[offset] != Int32(index) { try fail("sentence \(sentence) of \(node.path) reaches into another node at \(offset)") }
                    if covered[offset] != 0 { try fail("sentence \(sentence) of \(node.path) overlaps noise at \(offset)") }
                }
            }
        }
        // Nothing is lost: every character that is not noise is in a sentence of its node.
        for offset in 0..<originalCount where !isIgnorable(offset) && covered[offset] == 0 && !inSentence[offset] {
            try fail("offset \(offset) is in no sentence and no noise block")
        }
        for field in [metadata.title, metadata.docNumber, metadata.date, metadata.published, metadata.modified, metadata.period]
            .compactMap({ $0 }) + metadata.issuers + metadata.addressees + metadata.attachments where !inBounds(field.span) {
            try fail("metadata '\(field.value)' span \(field.span) out of bounds")
        }
    }
}
