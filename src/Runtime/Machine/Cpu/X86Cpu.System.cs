namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    /// <summary>MOV to CRn with the architectural checks (CPL 0, reserved bits, paging and long-mode rules).</summary>
    internal void WriteControlRegister(int index, ulong value)
    {
        if (CplValue != 0)
        {
            throw CpuFault.Gp();
        }

        if (Bitness != 64)
        {
            value &= 0xFFFF_FFFF;
        }

        switch (index)
        {
            case 0:
                {
                    if ((value >> 32) != 0 || ((value & Cr.Cr0Pg) != 0 && (value & Cr.Cr0Pe) == 0) || ((value & Cr.Cr0Nw) != 0 && (value & Cr.Cr0Cd) == 0))
                    {
                        throw CpuFault.Gp();
                    }

                    var enablingPaging = (value & Cr.Cr0Pg) != 0 && (Cr0Value & Cr.Cr0Pg) == 0;
                    var disablingPaging = (value & Cr.Cr0Pg) == 0 && (Cr0Value & Cr.Cr0Pg) != 0;
                    if (enablingPaging && (EferValue & Cr.EferLme) != 0)
                    {
                        if ((Cr4Value & Cr.Cr4Pae) == 0)
                        {
                            throw CpuFault.Gp();
                        }

                        EferValue |= Cr.EferLma;
                    }

                    if (disablingPaging && LongModeActive)
                    {
                        if (Bitness == 64)
                        {
                            throw CpuFault.Gp();
                        }

                        EferValue &= ~Cr.EferLma;
                    }

                    Cr0Value = value | Cr.Cr0Et;
                    UpdateMode();
                    FlushTlb(true);
                    break;
                }

            case 2:
                Cr2 = value;
                break;
            case 3:
                if (LongModeActive && (value & ~PhysAddressMask & ~(1UL << 63)) != 0)
                {
                    throw CpuFault.Gp();
                }

                Cr3Value = value & ~(1UL << 63);
                FlushTlb(false);
                break;
            case 4:
                if ((value & ~Cr.Cr4Supported) != 0 || (LongModeActive && (value & Cr.Cr4Pae) == 0))
                {
                    throw CpuFault.Gp();
                }

                Cr4Value = value;
                FlushTlb(true);
                break;
            case 8:
                if ((value >> 4) != 0)
                {
                    throw CpuFault.Gp();
                }

                Cr8 = value;
                break;
            default:
                throw CpuFault.Ud();
        }
    }

    internal ulong ReadControlRegister(int index)
    {
        if (CplValue != 0)
        {
            throw CpuFault.Gp();
        }

        return index switch
        {
            0 => Cr0Value,
            2 => Cr2,
            3 => Cr3Value,
            4 => Cr4Value,
            8 => Cr8,
            _ => throw CpuFault.Ud(),
        };
    }

    private int DebugIndex(int index)
    {
        if (CplValue != 0)
        {
            throw CpuFault.Gp();
        }

        if (index is 4 or 5)
        {
            if ((Cr4Value & 8) != 0)
            {
                throw CpuFault.Ud();
            }

            return index + 2;
        }

        if (index > 7)
        {
            throw CpuFault.Ud();
        }

        return index;
    }

    internal void WriteDebugRegister(int index, ulong value)
    {
        index = DebugIndex(index);
        if (index >= 6 && Bitness == 64 && (value >> 32) != 0)
        {
            throw CpuFault.Gp();
        }

        Dr[index] = index switch
        {
            6 => (value & 0x1_E00F) | 0xFFFF_0FF0,
            7 => (value & 0xFFFF_2BFF) | 0x400,
            _ => value,
        };
    }

    internal ulong ReadDebugRegister(int index) => Dr[DebugIndex(index)];

    /// <summary>CPUID for a leaf and subleaf, from <see cref="Model"/>.</summary>
    public (uint Eax, uint Ebx, uint Ecx, uint Edx) Cpuid(uint leaf, uint subleaf)
    {
        var vendor = System.Text.Encoding.ASCII.GetBytes(Model.Vendor.PadRight(12)[..12]);
        uint V(int k) => BitConverter.ToUInt32(vendor, k * 4);
        var signature = (uint)((Model.Stepping & 0xF) | ((Model.Model & 0xF) << 4) | (Math.Min(Model.Family, 15) << 8)
            | (((Model.Model >> 4) & 0xF) << 16) | ((Model.Family > 15 ? Model.Family - 15 : 0) << 20));
        switch (leaf)
        {
            case 0: return (0xD, V(0), V(2), V(1));
            case 1:
                {
                    var ecx = Model.Leaf1Ecx & ~(1u << 27);
                    if ((Cr4Value & Cr.Cr4Osxsave) != 0)
                    {
                        ecx |= 1u << 27;
                    }

                    return (signature, 0x0001_0800, ecx, Model.Leaf1Edx);
                }

            case 7: return subleaf == 0 ? (0u, Model.Leaf7Ebx, 0u, 0u) : (0u, 0u, 0u, 0u);
            case 0xD:
                return subleaf switch
                {
                    0 => (3, 576, 576, 0),
                    1 => (1, 0, 0, 0),
                    _ => (0, 0, 0, 0),
                };
            case 0x8000_0000: return (0x8000_0008, 0, 0, 0);
            case 0x8000_0001: return (0, 0, Model.Ext1Ecx, Model.Ext1Edx);
            case 0x8000_0002 or 0x8000_0003 or 0x8000_0004:
                {
                    var brand = System.Text.Encoding.ASCII.GetBytes(Model.Brand.PadRight(48, '\0')[..48]);
                    var k = (int)(leaf - 0x8000_0002) * 16;
                    return (BitConverter.ToUInt32(brand, k), BitConverter.ToUInt32(brand, k + 4), BitConverter.ToUInt32(brand, k + 8), BitConverter.ToUInt32(brand, k + 12));
                }

            case 0x8000_0008: return ((uint)(Model.PhysicalAddressBits | (Model.LinearAddressBits << 8)), 0, 0, 0);
            default:
                return leaf is > 0xD and < 0x8000_0000 ? Cpuid(0xD, subleaf) : (0, 0, 0, 0);
        }
    }
}
