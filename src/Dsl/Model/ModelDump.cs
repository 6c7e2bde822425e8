using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// A canonical, indented text form of a model, without source spans. Two scenarios are equal as
/// models when their dumps are equal, whichever front end read them; golden files use it too.
/// </summary>
public static class ModelDump
{
    /// <summary>Dumps any model node.</summary>
    public static string Write(object? node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    // Under Native AOT the kjtest tool keeps this assembly whole (a trimmer root), so every model type keeps its properties.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "KjTest.Dsl is a trimmer root of the AOT tool")]
    private static void Write(StringBuilder b, object? node, int depth)
    {
        switch (node)
        {
            case null:
                b.Append("null\n");
                return;
            case string s:
                b.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
                return;
            case UInt128 u:
                b.Append("0x").Append(u.ToString("x", CultureInfo.InvariantCulture)).Append('\n');
                return;
            case ulong or uint or ushort or byte:
                b.Append("0x").Append(((IFormattable)node).ToString("x", CultureInfo.InvariantCulture)).Append('\n');
                return;
            case bool or long or int or Enum or SymbolOrNumber or FlagTerm:
                b.Append(Convert.ToString(node, CultureInfo.InvariantCulture)).Append('\n');
                return;
            case EmbeddedText text:
                Write(b, text.Text, depth);
                return;
            case IEnumerable list:
                b.Append("[\n");
                foreach (var item in list)
                {
                    b.Append(' ', (depth + 1) * 2).Append("- ");
                    Write(b, item, depth + 1);
                }

                b.Append(' ', depth * 2).Append("]\n");
                return;
        }

        var type = node.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Located<>))
        {
            Write(b, type.GetProperty("Value")!.GetValue(node), depth);
            return;
        }

        b.Append(type.Name).Append('\n');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(SourceSpan) || property.Name == "EqualityContract" || property.GetIndexParameters().Length > 0
                || !property.CanWrite)
            {
                continue;
            }

            b.Append(' ', (depth + 1) * 2).Append(property.Name).Append(": ");
            Write(b, property.GetValue(node), depth + 1);
        }
    }
}
