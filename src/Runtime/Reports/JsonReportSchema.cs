namespace KjTest.Runtime.Reports;

/// <summary>The JSON Schema (draft 2020-12) of <see cref="JsonReport"/>, printed by <c>kjtest schema --report</c>.</summary>
public static class JsonReportSchema
{
    /// <summary>The schema text.</summary>
    public const string Text = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "kjtest-report-v1",
          "title": "KjTest run report",
          "type": "object",
          "required": ["version", "summary", "results"],
          "additionalProperties": false,
          "properties": {
            "version": { "const": 1 },
            "summary": {
              "type": "object",
              "required": ["passed", "failed", "skipped", "seconds"],
              "additionalProperties": false,
              "properties": {
                "passed": { "type": "integer", "minimum": 0 },
                "failed": { "type": "integer", "minimum": 0 },
                "skipped": { "type": "integer", "minimum": 0 },
                "seconds": { "type": "number", "minimum": 0 }
              }
            },
            "results": { "type": "array", "items": { "$ref": "#/$defs/result" } }
          },
          "$defs": {
            "outcome": { "enum": ["pass", "gap", "fail", "crash", "timeout", "error", "skip"] },
            "field": {
              "type": "object",
              "required": ["name", "before", "after"],
              "additionalProperties": false,
              "properties": { "name": { "type": "string" }, "before": { "type": "string" }, "after": { "type": "string" } }
            },
            "result": {
              "type": "object",
              "required": ["id", "name", "file", "hash", "outcome", "stated", "passed", "seconds", "messages", "stats", "console"],
              "additionalProperties": false,
              "properties": {
                "id": { "type": "string", "description": "stable id: the file relative to the run's root, '::', the scenario's name" },
                "name": { "type": "string" },
                "file": { "type": "string" },
                "hash": { "type": "string", "pattern": "^([0-9a-f]{16})?$" },
                "outcome": { "$ref": "#/$defs/outcome" },
                "stated": { "$ref": "#/$defs/outcome" },
                "passed": { "type": "boolean" },
                "seconds": { "type": "number", "minimum": 0 },
                "messages": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["id", "text"],
                    "additionalProperties": false,
                    "properties": {
                      "id": { "type": "string", "pattern": "^KJ[0-9]{4}$" },
                      "text": { "type": "string" },
                      "line": { "type": "integer", "minimum": 1 },
                      "column": { "type": "integer", "minimum": 1 }
                    }
                  }
                },
                "gap": {
                  "type": "object",
                  "required": ["fields", "pages"],
                  "additionalProperties": false,
                  "properties": {
                    "fields": { "type": "array", "items": { "$ref": "#/$defs/field" } },
                    "pages": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": ["address", "ranges", "first_before", "first_after"],
                        "additionalProperties": false,
                        "properties": {
                          "address": { "type": "string", "pattern": "^0x[0-9a-f]+$" },
                          "ranges": {
                            "type": "array",
                            "items": {
                              "type": "object",
                              "required": ["offset", "length"],
                              "additionalProperties": false,
                              "properties": { "offset": { "type": "integer", "minimum": 0 }, "length": { "type": "integer", "minimum": 1 } }
                            }
                          },
                          "first_before": { "type": "string", "pattern": "^([0-9a-f]{2})*$" },
                          "first_after": { "type": "string", "pattern": "^([0-9a-f]{2})*$" }
                        }
                      }
                    }
                  }
                },
                "crash": {
                  "type": "object",
                  "required": ["kind", "fields"],
                  "additionalProperties": false,
                  "properties": {
                    "kind": { "type": "string" },
                    "fields": { "type": "array", "items": { "$ref": "#/$defs/field" } },
                    "instructions": { "type": "array", "items": { "type": "string" }, "description": "for outcome crash: the last instructions before it, as kjtest trace lines, oldest first" }
                  }
                },
                "stats": {
                  "type": "object",
                  "required": ["instructions", "emulated_ns", "pages_swapped"],
                  "additionalProperties": false,
                  "properties": {
                    "instructions": { "type": "integer", "minimum": 0 },
                    "emulated_ns": { "type": "integer", "minimum": 0 },
                    "pages_swapped": { "type": "integer", "minimum": 0 }
                  }
                },
                "console": { "type": "string" }
              }
            }
          }
        }
        """;
}
