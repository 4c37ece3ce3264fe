using MediaEdge.Requests;

namespace MediaEdge.Tests.Requests;

public sealed class ImageQueryParserTests
{
    private static readonly Dictionary<string, string> Presets = new(StringComparer.Ordinal)
    {
        ["card"] = "w=640&h=360&fit=crop&auto=format",
        ["thumb"] = "w=100&h=100&fit=crop&q=60&crop=top",
        ["broken"] = "w=abc",
        ["both"] = "w=300&auto=compress&auto=format",
    };

    public static TheoryData<string, string> InvalidValues => new()
    {
        // w and h: whole pixels 1..65536 (an output past 8192 is scaled down to fit), or a ratio in (0, 1].
        { "w", "-1" }, { "w", "0" }, { "w", "0.0" }, { "w", "-0.5" }, { "w", "65537" }, { "w", "99999999999999999999" },
        { "w", "NaN" }, { "w", "Infinity" }, { "w", "-Infinity" }, { "w", "0x10" }, { "w", "" }, { "w", " " },
        { "w", "١٠٠" }, { "w", "１００" }, { "w", "1e3" }, { "w", "1.5" }, { "w", "100px" }, { "w", "1,5" },
        { "h", "-1" }, { "h", "0" }, { "h", "65537" }, { "h", "NaN" }, { "h", "Infinity" }, { "h", "0x10" }, { "h", "" },
        { "h", "٣٠٠" }, { "h", "2.5" }, { "h", "1e2" },

        // dpr: above 0, at most 5 (imgix's range).
        { "dpr", "0" }, { "dpr", "0.0" }, { "dpr", "-1" }, { "dpr", "5.01" }, { "dpr", "6" }, { "dpr", "1e300" },
        { "dpr", "NaN" }, { "dpr", "Infinity" }, { "dpr", "0x2" }, { "dpr", "" }, { "dpr", "٢" }, { "dpr", "２" }, { "dpr", "2x" },

        { "fit", "" }, { "fit", "cover" }, { "fit", "contain" }, { "fit", "clip2" }, { "fit", "0" },

        { "crop", "" }, { "crop", "top,bottom" }, { "crop", "bottom,top" }, { "crop", "left,right" }, { "crop", "top,left,right" },
        { "crop", "middle" }, { "crop", "faces" }, { "crop", "top,,left" }, { "crop", "top," },

        // fp-x and fp-y: 0..1.
        { "fp-x", "-0.1" }, { "fp-x", "1.1" }, { "fp-x", "2" }, { "fp-x", "NaN" }, { "fp-x", "Infinity" }, { "fp-x", "0x1" },
        { "fp-x", "" }, { "fp-x", "٠" }, { "fp-x", "1e-1" },
        { "fp-y", "-1" }, { "fp-y", "1.0001" }, { "fp-y", "NaN" }, { "fp-y", "-Infinity" }, { "fp-y", "" }, { "fp-y", "half" },

        // ar: W:H, positive, between 1:100 and 100:1.
        { "ar", "" }, { "ar", "16" }, { "ar", "16:0" }, { "ar", "0:9" }, { "ar", "-16:9" }, { "ar", "16:-9" }, { "ar", "16:9:1" },
        { "ar", "16/9" }, { "ar", "NaN:1" }, { "ar", "Infinity:1" }, { "ar", "1:Infinity" }, { "ar", "0x10:9" }, { "ar", "1:101" },
        { "ar", "101:1" }, { "ar", "١:١" }, { "ar", ":" }, { "ar", "1e2:1" },

        // rect: x,y,w,h whole pixels, w and h from 1, each at most 65535.
        { "rect", "" }, { "rect", "1,2,3" }, { "rect", "1,2,3,4,5" }, { "rect", "-1,0,10,10" }, { "rect", "0,-1,10,10" },
        { "rect", "0,0,0,10" }, { "rect", "0,0,10,0" }, { "rect", "0,0,65536,10" }, { "rect", "65536,0,1,1" },
        { "rect", "0x1,0,1,1" }, { "rect", "a,b,c,d" }, { "rect", "0,0,NaN,1" }, { "rect", "١,0,1,1" }, { "rect", "1.5,0,1,1" },
        { "rect", "0,0,99999999999,1" },

        { "fm", "" }, { "fm", "bmp" }, { "fm", "tiff" }, { "fm", "svg" }, { "fm", "jpg2" }, { "fm", "heic" }, { "fm", "mov" },

        // q: 1..100.
        { "q", "0" }, { "q", "101" }, { "q", "-1" }, { "q", "+50" }, { "q", "50.5" }, { "q", "NaN" }, { "q", "Infinity" },
        { "q", "0x10" }, { "q", "" }, { "q", "٥٠" }, { "q", "５０" }, { "q", "99999999999" },

        { "auto", "" }, { "auto", "enhance" }, { "auto", "redeye" }, { "auto", "format," }, { "auto", "format,,compress" },
        { "auto", "format;compress" },

        // bg: RGB, ARGB, RRGGBB, AARRGGBB hex.
        { "bg", "" }, { "bg", "#" }, { "bg", "f" }, { "bg", "ff" }, { "bg", "fffff" }, { "bg", "fffffff" }, { "bg", "fffffffff" },
        { "bg", "ggg" }, { "bg", "0x10" }, { "bg", "red" }, { "bg", "１２３" }, { "bg", "-fff" }, { "bg", "##fff" },

        // blur 0..2000, sharp 0..100, rot 0..359.
        { "blur", "-1" }, { "blur", "2001" }, { "blur", "1.5" }, { "blur", "NaN" }, { "blur", "Infinity" }, { "blur", "0x10" },
        { "blur", "" }, { "blur", "١" }, { "blur", "99999999999" },
        { "sharp", "-1" }, { "sharp", "101" }, { "sharp", "NaN" }, { "sharp", "0x10" }, { "sharp", "" }, { "sharp", "٥" },
        { "rot", "-1" }, { "rot", "360" }, { "rot", "90.5" }, { "rot", "NaN" }, { "rot", "0x10" }, { "rot", "" }, { "rot", "٩٠" },
        { "rot", "-90" },

        { "flip", "" }, { "flip", "x" }, { "flip", "hh" }, { "flip", "horizontal" }, { "flip", "h,v" },

        { "ch", "" }, { "ch", "Viewport-Width" }, { "ch", "dpr,foo" }, { "ch", "ECT" }, { "ch", "width," },

        { "preset", "" }, { "preset", "nope" }, { "preset", "CARD" },

        // expires: Unix seconds.
        { "expires", "-1" }, { "expires", "" }, { "expires", "NaN" }, { "expires", "0x10" }, { "expires", "1.5" },
        { "expires", "99999999999999999999" }, { "expires", "١٧٦٧" }, { "expires", "2026-01-01" },
    };

    public static TheoryData<string, string> ValidValuePerParameter => new()
    {
        { "w", "100" }, { "h", "100" }, { "dpr", "2" }, { "fit", "crop" }, { "crop", "top" }, { "fp-x", "0.5" }, { "fp-y", "0.5" },
        { "ar", "1:1" }, { "rect", "0,0,1,1" }, { "fm", "png" }, { "q", "50" }, { "bg", "fff" }, { "blur", "1" }, { "sharp", "1" },
        { "rot", "1" }, { "flip", "h" }, { "ch", "dpr" }, { "preset", "card" }, { "expires", "1" }, { "s", "abc" },
    };

    [Fact]
    public void Parse_NoParameters_GivesImgixDefaults()
    {
        var p = Parse([]);

        Assert.Null(p.Width);
        Assert.Null(p.Height);
        Assert.Null(p.Dpr);
        Assert.Equal(FitMode.Clip, p.Fit);
        Assert.Equal(CropGravity.Center, p.Crop);
        Assert.Null(p.Format);
        Assert.Null(p.Quality);
        Assert.False(p.AutoFormat);
        Assert.False(p.AutoCompress);
        Assert.Null(p.Background);
        Assert.Equal(0, p.Blur);
        Assert.Equal(0, p.Sharpen);
        Assert.Equal(0, p.Rotate);
        Assert.Equal(FlipMode.None, p.Flip);
        Assert.Equal(ClientHintSet.None, p.ClientHints);
        Assert.Null(p.Preset);
        Assert.Null(p.Expires);
    }

    [Theory]
    [InlineData("w=1", 1)]
    [InlineData("w=100", 100)]
    [InlineData("w=8192", 8192)]
    [InlineData("w=8193", 8193)]
    [InlineData("w=65536", 65536)]
    [InlineData("w=100.0", 100)]
    [InlineData("w=%20640%20", 640)]
    [InlineData("h=1", 1)]
    [InlineData("h=360", 360)]
    [InlineData("h=8192", 8192)]
    [InlineData("h=20000", 20000)]
    public void Parse_WidthOrHeightInWholePixels_IsPixelDimension(string query, int pixels)
    {
        Assert.Equal<object?>(Dimension.Pixels(pixels), ValueOf(ParameterOf(query), Parse(query)));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData(".25", 0.25)]
    [InlineData("0.001", 0.001)]
    [InlineData("1.0", 1.0)]
    public void Parse_WidthAndHeightWithDecimalPoint_AreRatiosOfTheSource(string value, double ratio)
    {
        var p = Parse($"w={value}&h={value}");

        Assert.Equal(Dimension.Ratio(ratio), p.Width);
        Assert.Equal(Dimension.Ratio(ratio), p.Height);
    }

    [Fact]
    public void Parse_WidthAboveMaximum_IsBadParameterNamingW()
    {
        var problem = ProblemAssert.BadParameter("w", () => Parse("w=65537"));

        Assert.Contains("from 1 to 65536 (an output past 8192 is scaled down to fit)", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    // dpr: above 0, at most 5.
    [InlineData("dpr=1", 1.0)]
    [InlineData("dpr=1.5", 1.5)]
    [InlineData("dpr=2", 2.0)]
    [InlineData("dpr=2.625", 2.625)]
    [InlineData("dpr=4", 4.0)]
    [InlineData("dpr=5", 5.0)]
    [InlineData("dpr=0.75", 0.75)]
    [InlineData("dpr=0.01", 0.01)]
    // fit: every mode, in any case.
    [InlineData("fit=clip", FitMode.Clip)]
    [InlineData("fit=crop", FitMode.Crop)]
    [InlineData("fit=fill", FitMode.Fill)]
    [InlineData("fit=fillmax", FitMode.FillMax)]
    [InlineData("fit=max", FitMode.Max)]
    [InlineData("fit=min", FitMode.Min)]
    [InlineData("fit=scale", FitMode.Scale)]
    [InlineData("fit=CROP", FitMode.Crop)]
    [InlineData("fit=FillMax", FitMode.FillMax)]
    // crop: edges and their combinations, in any case and order.
    [InlineData("crop=top", CropGravity.Top)]
    [InlineData("crop=bottom", CropGravity.Bottom)]
    [InlineData("crop=left", CropGravity.Left)]
    [InlineData("crop=right", CropGravity.Right)]
    [InlineData("crop=center", CropGravity.Center)]
    [InlineData("crop=entropy", CropGravity.Entropy)]
    [InlineData("crop=focalpoint", CropGravity.FocalPoint)]
    [InlineData("crop=top%2Cleft", CropGravity.Top | CropGravity.Left)]
    [InlineData("crop=bottom%2Cright", CropGravity.Bottom | CropGravity.Right)]
    [InlineData("crop=right%2Ctop", CropGravity.Top | CropGravity.Right)]
    [InlineData("crop=TOP%2C%20Left", CropGravity.Top | CropGravity.Left)]
    [InlineData("crop=top%2Ccenter", CropGravity.Top)]
    [InlineData("crop=focalpoint%2Ctop", CropGravity.FocalPoint | CropGravity.Top)]
    // fm: every format; png32 is full PNG.
    [InlineData("fm=jpg", OutputFormat.Jpeg)]
    [InlineData("fm=jpeg", OutputFormat.Jpeg)]
    [InlineData("fm=JPG", OutputFormat.Jpeg)]
    [InlineData("fm=pjpg", OutputFormat.ProgressiveJpeg)]
    [InlineData("fm=png", OutputFormat.Png)]
    [InlineData("fm=webp", OutputFormat.Webp)]
    [InlineData("fm=gif", OutputFormat.Gif)]
    [InlineData("fm=mp4", OutputFormat.Mp4)]
    [InlineData("fm=webm", OutputFormat.Webm)]
    [InlineData("fm=avif", OutputFormat.Avif)]
    [InlineData("fm=json", OutputFormat.Json)]
    [InlineData("fm=png32", OutputFormat.Png)]
    [InlineData("fm=PNG32", OutputFormat.Png)]
    // q: 1 to 100.
    [InlineData("q=1", 1)]
    [InlineData("q=75", 75)]
    [InlineData("q=100", 100)]
    [InlineData("q=050", 50)]
    // bg: RGB, ARGB, RRGGBB or AARRGGBB hex, alpha first as imgix reads it; written here as AARRGGBB.
    [InlineData("bg=fff", "ffffffff")]
    [InlineData("bg=f00", "ffff0000")]
    [InlineData("bg=8f00", "88ff0000")]
    [InlineData("bg=0fff", "00ffffff")]
    [InlineData("bg=ff0000", "ffff0000")]
    [InlineData("bg=00FF7f", "ff00ff7f")]
    [InlineData("bg=80ff0000", "80ff0000")]
    [InlineData("bg=00000000", "00000000")]
    [InlineData("bg=%23102030", "ff102030")]
    // flip: h, v or both, in any case.
    [InlineData("flip=h", FlipMode.Horizontal)]
    [InlineData("flip=v", FlipMode.Vertical)]
    [InlineData("flip=hv", FlipMode.Horizontal | FlipMode.Vertical)]
    [InlineData("flip=vh", FlipMode.Horizontal | FlipMode.Vertical)]
    [InlineData("flip=H", FlipMode.Horizontal)]
    // ch: client hints, in any case.
    [InlineData("ch=Width", ClientHintSet.Width)]
    [InlineData("ch=DPR", ClientHintSet.Dpr)]
    [InlineData("ch=Save-Data", ClientHintSet.SaveData)]
    [InlineData("ch=width%2Cdpr", ClientHintSet.Width | ClientHintSet.Dpr)]
    [InlineData("ch=Width%2CDPR%2CSave-Data", ClientHintSet.Width | ClientHintSet.Dpr | ClientHintSet.SaveData)]
    [InlineData("ch=SAVE-DATA%2C%20Dpr", ClientHintSet.Dpr | ClientHintSet.SaveData)]
    // expires: Unix seconds.
    [InlineData("expires=0", 0L)]
    [InlineData("expires=1767225600", 1767225600L)]
    [InlineData("expires=9223372036854775807", long.MaxValue)]
    public void Parse_OneParameter_SetsItsValue(string query, object expected)
    {
        Assert.Equal(expected, ValueOf(ParameterOf(query), Parse(query)));
    }

    [Theory]
    [InlineData("top,bottom")]
    [InlineData("left,right")]
    public void Parse_CropWithOpposingEdges_IsBadParameterNamingCrop(string value)
    {
        var problem = ProblemAssert.BadParameter("crop", () => Parse("crop=" + value));

        Assert.Contains("both", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("1", 1.0)]
    public void Parse_FocalPointCoordinates_AreKept(string value, double expected)
    {
        var p = Parse($"fp-x={value}&fp-y={value}");

        Assert.Equal(expected, p.FocalX);
        Assert.Equal(expected, p.FocalY);
    }

    [Theory]
    [InlineData("16:9", 16.0 / 9)]
    [InlineData("1:1", 1.0)]
    [InlineData("3:4", 0.75)]
    [InlineData("1.5:1", 1.5)]
    [InlineData("1:100", 0.01)]
    [InlineData("100:1", 100.0)]
    public void Parse_AspectRatio_IsWidthOverHeight(string value, double ratio)
    {
        var p = Parse("ar=" + value);

        Assert.Equal(ratio, p.AspectRatio!.Value, 12);
    }

    [Theory]
    [InlineData("10,20,30,40", 10, 20, 30, 40)]
    [InlineData("0,0,1,1", 0, 0, 1, 1)]
    [InlineData("0, 0, 65535, 65535", 0, 0, 65535, 65535)]
    public void Parse_Rect_IsSourceRegion(string value, int x, int y, int w, int h)
    {
        Assert.Equal(new SourceRect(x, y, w, h), Parse("rect=" + value).Rect);
    }

    [Theory]
    [InlineData("auto=format", true, false)]
    [InlineData("auto=compress", false, true)]
    [InlineData("auto=format,compress", true, true)]
    [InlineData("auto=compress%2Cformat", true, true)]
    [InlineData("auto=compress&auto=format", true, true)]
    [InlineData("auto=format&auto=format", true, false)]
    [InlineData("auto=FORMAT", true, false)]
    public void Parse_Auto_SetsFormatAndCompress(string query, bool format, bool compress)
    {
        var p = Parse(query);

        Assert.Equal(format, p.AutoFormat);
        Assert.Equal(compress, p.AutoCompress);
    }

    [Fact]
    public void Parse_RepeatedAutoWithAnUnknownValue_IsBadParameterNamingAuto()
    {
        ProblemAssert.BadParameter("auto", () => Parse("auto=compress&auto=enhance"));
    }

    [Theory]
    [InlineData("blur=0", 0, 0, 0)]
    [InlineData("blur=2000", 2000, 0, 0)]
    [InlineData("sharp=0", 0, 0, 0)]
    [InlineData("sharp=100", 0, 100, 0)]
    [InlineData("rot=0", 0, 0, 0)]
    [InlineData("rot=90", 0, 0, 90)]
    [InlineData("rot=359", 0, 0, 359)]
    [InlineData("blur=20&sharp=30&rot=45", 20, 30, 45)]
    public void Parse_BlurSharpenRotateWithinRange_AreKept(string query, int blur, int sharpen, int rotate)
    {
        var p = Parse(query);

        Assert.Equal(blur, p.Blur);
        Assert.Equal(sharpen, p.Sharpen);
        Assert.Equal(rotate, p.Rotate);
    }

    [Fact]
    public void Parse_KnownPreset_ExpandsToItsParameters()
    {
        var p = Parse("preset=card");

        Assert.Equal("card", p.Preset);
        Assert.Equal(Dimension.Pixels(640), p.Width);
        Assert.Equal(Dimension.Pixels(360), p.Height);
        Assert.Equal(FitMode.Crop, p.Fit);
        Assert.True(p.AutoFormat);
    }

    [Fact]
    public void Parse_ExplicitParametersWithPreset_OverrideThePresetValues()
    {
        var p = Parse("w=200&preset=thumb&q=90");

        Assert.Equal(Dimension.Pixels(200), p.Width);
        Assert.Equal(Dimension.Pixels(100), p.Height);
        Assert.Equal(90, p.Quality);
        Assert.Equal(FitMode.Crop, p.Fit);
        Assert.Equal(CropGravity.Top, p.Crop);
    }

    [Fact]
    public void Parse_PresetWithRepeatedAuto_KeepsEveryAutoValueAsInAUrl()
    {
        var p = Parse("preset=both");

        Assert.True(p.AutoFormat);
        Assert.True(p.AutoCompress);
    }

    [Fact]
    public void Parse_ExplicitAutoWithPreset_ReplacesThePresetsAuto()
    {
        var p = Parse("preset=both&auto=format");

        Assert.True(p.AutoFormat);
        Assert.False(p.AutoCompress);
    }

    [Fact]
    public void Parse_UnknownPreset_IsBadParameterNamingPresetAndListingKnownOnes()
    {
        var problem = ProblemAssert.BadParameter("preset", () => Parse("preset=nope"));

        Assert.Contains("card", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PresetWhenNoneAreConfigured_IsBadParameterNamingPreset()
    {
        var sut = new ImageQueryParser(new Dictionary<string, string>());

        var problem = ProblemAssert.BadParameter("preset", () => sut.Parse(QueryText.Parse("preset=card")));

        Assert.Contains("none are configured", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PresetHoldingAnInvalidValue_IsBadParameterNamingThatParameter()
    {
        ProblemAssert.BadParameter("w", () => Parse("preset=broken"));
    }

    [Fact]
    public void Parse_UnknownParameters_AreIgnored()
    {
        var overlong = new string('x', 1000);

        var p = Parse($"utm_source=news&w=100&W=abc&foo=&foo=again&ixlib=js-3.8&txt={overlong}&fp-z=9");

        Assert.Equal(new ImageParameters { Width = Dimension.Pixels(100) }, p);
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Parse_MalformedOrOutOfRangeValue_IsBadParameterNamingIt(string name, string value)
    {
        ProblemAssert.BadParameter(name, () => Parse([new(name, value)]));
    }

    [Theory]
    [MemberData(nameof(ValidValuePerParameter))]
    public void Parse_ValidValueOfEachParameter_IsAccepted(string name, string value)
    {
        var p = Parse([new(name, value)]);

        Assert.NotNull(p);
    }

    [Theory]
    [MemberData(nameof(ValidValuePerParameter))]
    public void Parse_ParameterGivenTwice_IsBadParameterNamingIt(string name, string value)
    {
        var problem = ProblemAssert.BadParameter(name, () => Parse([new(name, value), new("w", "10"), new(name, value)]));

        Assert.Contains("more than once", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidValuePerParameter))]
    public void Parse_ValueLongerThan256Characters_IsBadParameterNamingIt(string name, string value)
    {
        var overlong = value + new string(' ', ImageQueryParser.MaxValueLength + 1 - value.Length);

        var problem = ProblemAssert.BadParameter(name, () => Parse([new(name, overlong)]));

        Assert.Contains("256", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueOfExactly256Characters_IsAccepted()
    {
        var value = "top" + new string(' ', ImageQueryParser.MaxValueLength - 3);

        Assert.Equal(CropGravity.Top, Parse([new("crop", value)]).Crop);
    }

    [Theory]
    [InlineData("preset=card&w=100", "w")]
    [InlineData("w=100", "w")]
    [InlineData("preset=card&fm=png", "fm")]
    [InlineData("auto=format&preset=card", "auto")]
    public void Parse_FreeParameterInPresetsOnlyMode_IsBadParameterNamingIt(string query, string parameter)
    {
        var problem = ProblemAssert.BadParameter(parameter, () => Parse(query, presetsOnly: true));

        Assert.Contains("PresetsOnly", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoPresetInPresetsOnlyMode_IsBadParameterNamingPreset()
    {
        ProblemAssert.BadParameter("preset", () => Parse("utm_source=x", presetsOnly: true));
    }

    [Fact]
    public void Parse_PresetWithSignatureAndUnknownParametersInPresetsOnlyMode_IsAccepted()
    {
        var p = Parse("preset=card&utm_source=x&expires=1767225600&s=abc", presetsOnly: true);

        Assert.Equal(Dimension.Pixels(640), p.Width);
        Assert.Equal(1767225600L, p.Expires);
    }

    [Fact]
    public void KnownNames_HoldEveryImgixParameterOfTheUrlApi()
    {
        string[] documented = ["w", "h", "dpr", "fit", "crop", "fp-x", "fp-y", "ar", "rect", "fm", "q", "auto", "bg", "blur", "sharp", "rot", "flip", "ch", "preset", "expires", "s"];

        Assert.Equal(documented.Order(StringComparer.Ordinal), ImageQueryParser.KnownNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("fit=clamp", "edges")]
    [InlineData("fit=facearea", "face detector")]
    [InlineData("crop=faces", "face detector")]
    [InlineData("crop=faces,top", "face detector")]
    [InlineData("fm=png8", "palette")]
    [InlineData("auto=enhance", "enhancement")]
    [InlineData("auto=format,enhance", "enhancement")]
    public void Parse_ImgixValueWeCannotHonour_IsBadParameterSayingWhy(string query, string reason)
    {
        var problem = ProblemAssert.BadParameter(ParameterOf(query), () => Parse(query));

        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    private static string ParameterOf(string query) => query[..query.IndexOf('=', StringComparison.Ordinal)];

    /// <summary>The value a parameter sets, as the table of <see cref="Parse_OneParameter_SetsItsValue"/> states it.</summary>
    private static object? ValueOf(string parameter, ImageParameters p) => parameter switch
    {
        "w" => p.Width,
        "h" => p.Height,
        "dpr" => p.Dpr,
        "fit" => p.Fit,
        "crop" => p.Crop,
        "fm" => p.Format,
        "q" => p.Quality,
        "bg" => p.Background?.ToString(),
        "flip" => p.Flip,
        "ch" => p.ClientHints,
        "expires" => p.Expires,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "not in the table"),
    };

    private static ImageParameters Parse(string query, bool presetsOnly = false) =>
        Parse(QueryText.Parse(query), presetsOnly);

    private static ImageParameters Parse(IEnumerable<KeyValuePair<string, string>> query, bool presetsOnly = false) =>
        new ImageQueryParser(Presets).Parse(query, presetsOnly);
}
