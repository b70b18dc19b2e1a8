import FlowFormats
import FlowViewer
import Testing

/// `JSONPatch.diff` and `apply` on hand-written trees: what each kind of change becomes,
/// and the errors of a patch that does not fit its document.
@Suite struct JSONPatchTests {
    /// An object with its members in the order written.
    func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue { .object(members.map { ($0.key, $0.value) }) }

    /// The diff, and that applying it to `old` gives `new`.
    func diff(_ old: JSONValue, _ new: JSONValue) throws -> [PatchOperation] {
        let ops = JSONPatch.diff(from: old, to: new)
        #expect(try JSONPatch.apply(ops, to: old) == new)
        return ops
    }

    /// Values long enough that a replace of their container costs more than a few
    /// operations inside it.
    let long = JSONValue.string(String(repeating: "x", count: 80))

    @Test func equalTreesGiveAnEmptyPatch() throws {
        let tree = object(["a": .array([.int(1), long]), "b": object(["c": .null])])
        #expect(try diff(tree, tree).isEmpty)
    }

    @Test func keysAddedRemovedAndChanged() throws {
        let old = object(["keep": long, "gone": long, "change": .int(1)])
        let new = object(["keep": long, "new": .bool(true), "change": .int(2)])
        #expect(try diff(old, new) == [
            .remove(path: "/gone"), .replace(path: "/change", value: .int(2)), .add(path: "/new", value: .bool(true)),
        ])
    }

    @Test func anArrayGrowsAtItsEnd() throws {
        let old = JSONValue.array([long, .int(1)])
        let new = JSONValue.array([long, .int(1), .int(2), .int(3)])
        #expect(try diff(old, new) == [.add(path: "/2", value: .int(2)), .add(path: "/3", value: .int(3))])
    }

    @Test func anArrayShrinksFromItsLastElementBackwards() throws {
        let old = JSONValue.array([long, .int(1), .int(2), .int(3)])
        let new = JSONValue.array([long, .int(9)])
        #expect(try diff(old, new) == [.replace(path: "/1", value: .int(9)), .remove(path: "/3"), .remove(path: "/2")])
    }

    @Test func nestedChangesNameTheirFullPath() throws {
        let old = object(["slos": .array([object(["name": long, "sli": .number(0.5)])])])
        let new = object(["slos": .array([object(["name": long, "sli": .number(0.75)])])])
        #expect(try diff(old, new) == [.replace(path: "/slos/0/sli", value: .number(0.75))])
    }

    /// RFC 6901: `~` is written `~0` and `/` is written `~1`.
    @Test func keysWithSlashesAndTildesAreEscaped() throws {
        let old = object(["a/b": object(["~x": .int(1), "pad": long]), "m~1": .int(1)])
        let new = object(["a/b": object(["~x": .int(2), "pad": long]), "~/": .int(1)])
        let ops = try diff(old, new)
        #expect(ops == [
            .remove(path: "/m~01"), .replace(path: "/a~1b/~0x", value: .int(2)), .add(path: "/~0~1", value: .int(1)),
        ])
        #expect(try JSONPointer(parsing: "/a~1b/~0x").tokens == ["a/b", "~x"])
        #expect(JSONPointer(tokens: ["", "~1"]).description == "/" + "/~01")
    }

    @Test func aChangeOfKindIsOneReplace() throws {
        let old = object(["v": .array([.int(1), .int(2)]), "w": .int(1), "pad": long])
        let new = object(["v": object(["0": .int(1)]), "w": .string("1"), "pad": long])
        #expect(try diff(old, new) == [
            .replace(path: "/v", value: object(["0": .int(1)])), .replace(path: "/w", value: .string("1")),
        ])
    }

    /// Every element changed: one array is fewer bytes than a replace per element.
    @Test func aSubtreeIsReplacedWholeWhenThatIsSmaller() throws {
        let old = object(["spark": .array((0..<60).map { .number(Double($0) + 0.5) }), "pad": long])
        let new = object(["spark": .array((1..<61).map { .number(Double($0) + 0.5) }), "pad": long])
        let ops = try diff(old, new)
        #expect(ops == [.replace(path: "/spark", value: new[key: "spark"] ?? .null)])
    }

    @Test func theWholeDocumentIsReplacedWhenNothingIsShared() throws {
        #expect(try diff(.array([.int(1)]), .int(1)) == [.replace(path: "", value: .int(1))])
        #expect(try diff(object(["a": .int(1)]), object(["b": .int(2)])) == [.replace(path: "", value: object(["b": .int(2)]))])
    }

    @Test func operationsTravelAsRFC6902Objects() throws {
        let ops: [PatchOperation] = [
            .add(path: "/a/-", value: .null), .remove(path: "/b"), .replace(path: "", value: .array([])),
        ]
        let text = String(decoding: JSONPatch.jsonData(ops), as: UTF8.self)
        #expect(text == #"[{"op":"add","path":"/a/-","value":null},{"op":"remove","path":"/b"},"#
                + #"{"op":"replace","path":"","value":[]}]"#)
        #expect(try JSONPatch.parse(Array(text.utf8)) == ops)
    }

    @Test func applyAcceptsTheEndOfAnArrayAndInsertsInTheMiddle() throws {
        let tree = object(["a": .array([.int(1), .int(3)])])
        let ops: [PatchOperation] = [.add(path: "/a/-", value: .int(4)), .add(path: "/a/1", value: .int(2))]
        #expect(try JSONPatch.apply(ops, to: tree) == object(["a": .array([.int(1), .int(2), .int(3), .int(4)])]))
    }

    @Test func applyNamesWhatIsWrong() {
        let tree = object(["a": .array([.int(1)]), "s": .string("x")])
        func problem(_ op: PatchOperation) -> JSONPatchError.Problem? {
            do {
                _ = try JSONPatch.apply([.replace(path: "/a/0", value: .int(2)), op], to: tree)
                return nil
            } catch {
                #expect(error.operation == 1 && error.path == op.path)
                return error.problem
            }
        }
        #expect(problem(.remove(path: "/missing")) == .noSuchMember("missing"))
        #expect(problem(.add(path: "/missing/x", value: .null)) == .noSuchMember("missing"))
        #expect(problem(.replace(path: "/a/1", value: .null)) == .indexOutOfRange(1, count: 1))
        #expect(problem(.add(path: "/a/2", value: .null)) == .indexOutOfRange(2, count: 1))
        #expect(problem(.remove(path: "/a/-")) == .notAnIndex("-"))
        #expect(problem(.remove(path: "/a/01")) == .notAnIndex("01"))
        #expect(problem(.add(path: "/s/x", value: .null)) == .notAContainer("x"))
        #expect(problem(.remove(path: "a")) == .badPointer("does not start with '/'"))
        #expect(problem(.remove(path: "/a~2")) == .badPointer("'~' must be followed by 0 or 1"))
        #expect(problem(.remove(path: "")) == .removesTheWholeDocument)
    }

    @Test func anErrorSaysWhichOperationAndWhy() {
        let tree = object(["a": .array([.int(1)])])
        let error = #expect(throws: JSONPatchError.self) { try JSONPatch.apply([.remove(path: "/a/4")], to: tree) }
        #expect(error?.description == "patch operation 0 (remove /a/4): index 4 is out of range (the array has 1 element)")
    }

    @Test func unsupportedOperationsAreRefused() {
        #expect(throws: PatchOperationError.self) { try JSONPatch.parse(Array(#"[{"op":"move","from":"/a","path":"/b"}]"#.utf8)) }
        #expect(throws: PatchOperationError.self) { try JSONPatch.parse(Array(#"[{"op":"add","path":"/b"}]"#.utf8)) }
    }
}
