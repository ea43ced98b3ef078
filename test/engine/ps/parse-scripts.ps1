# Parses PowerShell files with PowerShell's own parser and reports, per file, the parse errors and
# every construct Windows PowerShell 5.1 lacks. The lists (cmdlets, parameters, variables, types,
# .NET members) and the source of each entry are in test/engine/ps51-compat.json; the syntax checks
# are below, one detector per id of its "syntax" list.
# Input: { files: [{ id, path }], compat: <ps51-compat.json> }.
# Output: { version, detectors: [id], timing: { setupMs, checkMs }, results: { <id>: { errors: [{ line, column, message }],
#           findings: [{ rule, line, column, construct, text, source }] } } }.
param([Parameter(Mandatory)] [string] $InputPath, [Parameter(Mandatory)] [string] $OutputPath)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
. (Join-Path $PSScriptRoot 'tagged.ps1')

$request = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json
$compat = $request.compat

# The syntax ids this script detects; the test checks them against compat.syntax.
$Detectors = @('ternary', 'null-coalescing', 'null-coalescing-assignment', 'null-conditional', 'pipeline-chain',
    'background', 'clean-block', 'generic-method', 'leading-pipe', 'escape-u', 'escape-e', 'numeric-suffix',
    'binary-literal', 'replace-scriptblock', 'char-range', 'requires-version', 'requires-edition')

function Get-Optional($Object, [string] $Name) {
    $p = $Object.PSObject.Properties[$Name]
    if ($null -eq $p) { return @() }
    return @($p.Value)
}
function Join-Source($Source) { (@($Source) | ForEach-Object { [string] $_ }) -join '; ' }

# --- lookup tables from the data -------------------------------------------------------------------
$syntax = @{}
foreach ($s in $compat.syntax) { $syntax[$s.id] = $s }
$cmdletsNotIn51 = @{}
foreach ($c in $compat.cmdletsNotIn51) { $cmdletsNotIn51[$c.name] = $c }
$commonAdded = @{}   # spelling -> entry, for -ProgressAction and -proga
foreach ($cp in $compat.commonParametersAdded) { foreach ($n in @($cp.name) + @($cp.aliases)) { $commonAdded[$n] = $cp } }
$variables = @{}
foreach ($v in $compat.variables) { $variables[$v.name] = $v }
$accelerators = @{}
foreach ($a in $compat.typeAccelerators) { $accelerators[$a.name] = $a; $accelerators[$a.type] = $a }
# PowerShell also tries a type name with 'System.' in front, so names are compared without it.
function Get-BareTypeName([string] $Name) { if ($Name -like 'System.*') { $Name.Substring(7) } else { $Name } }
$dotnetTypes = @{}
$dotnetNamespaces = @()
foreach ($t in $compat.dotnet.types) {
    $name = @(Get-Optional $t 'name')
    if ($name.Count) { $dotnetTypes[(Get-BareTypeName $name[0])] = $t } else { $dotnetNamespaces += $t }
}
$staticMembers = @{}
foreach ($m in $compat.dotnet.staticMembers) { $staticMembers[(Get-BareTypeName $m.type) + '::' + $m.member] = $m }
# Aliases as this pwsh defines them (the Windows-only ones of 5.1 are missing on Linux).
$aliases = @{}
foreach ($a in @(Get-Alias)) { $aliases[$a.Name] = $a.Definition }

# --- findings --------------------------------------------------------------------------------------
function New-Finding([string] $Rule, [int] $Line, [int] $Column, [string] $Construct, [string] $Text, $Source) {
    if ($Text.Length -gt 120) { $Text = $Text.Substring(0, 117) + '...' }
    [ordered]@{ rule = $Rule; line = $Line; column = $Column; construct = $Construct; text = $Text; source = (Join-Source $Source) }
}
function Add-Syntax($Findings, [string] $Id, $Extent) {
    $s = $syntax[$Id]
    $Findings.Add((New-Finding $Id $Extent.StartLineNumber $Extent.StartColumnNumber "$($s.construct) [PowerShell $($s.since)]" $Extent.Text $s.source))
}

# Type names of a type literal, constraint or attribute, with array element and generic arguments.
function Get-TypeNames($TypeName) {
    if ($TypeName -is [System.Management.Automation.Language.ArrayTypeName]) { return @(Get-TypeNames $TypeName.ElementType) }
    if ($TypeName -is [System.Management.Automation.Language.GenericTypeName]) {
        return @(Get-TypeNames $TypeName.TypeName) + @($TypeName.GenericArguments | ForEach-Object { Get-TypeNames $_ })
    }
    return @($TypeName.FullName)
}
function Test-TypeName($Findings, [string] $Name, $Extent, [bool] $IsAttribute) {
    $candidates = @($Name)
    if ($IsAttribute) { $candidates += $Name + 'Attribute' }
    foreach ($n in $candidates) {
        if ($accelerators.ContainsKey($n)) {
            $a = $accelerators[$n]
            $Findings.Add((New-Finding 'type' $Extent.StartLineNumber $Extent.StartColumnNumber "type [$($a.name)] ($($a.type)) is not in Windows PowerShell 5.1" $Extent.Text $a.source))
            return
        }
        $bare = Get-BareTypeName $n
        if ($dotnetTypes.ContainsKey($bare)) {
            $t = $dotnetTypes[$bare]
            $Findings.Add((New-Finding 'dotnet' $Extent.StartLineNumber $Extent.StartColumnNumber ".NET type $($t.name) is not in .NET Framework 4.x" $Extent.Text $t.source))
            return
        }
        foreach ($ns in $dotnetNamespaces) {
            if ($bare -like ((Get-BareTypeName $ns.namespace) + '.*')) {
                $Findings.Add((New-Finding 'dotnet' $Extent.StartLineNumber $Extent.StartColumnNumber ".NET namespace $($ns.namespace) is not in .NET Framework 4.x" $Extent.Text $ns.source))
                return
            }
        }
    }
}

# Per cmdlet, the data as lookups (built once; the checks run for every command of every file).
# known: one string array per 5.1 parameter (name, then aliases), common parameters included.
$cmdletInfo = @{}
$commonKnown = @($compat.commonParameters51.names | ForEach-Object { , [string[]] ($_ -split '\|') })
foreach ($c in $compat.cmdlets) {
    $info = @{ entry = $c; known = @(@($c.known51 | ForEach-Object { , [string[]] ($_ -split '\|') }) + $commonKnown)
        added = @(Get-Optional $c 'added'); aliases = @{}; values = @{}; encodings = @(Get-Optional $c 'encodings51'); positional = $false }
    foreach ($a in @(Get-Optional $c 'addedAliases')) { $info.aliases[$a.alias] = $a }
    foreach ($v in @(Get-Optional $c 'addedValues')) { $info.values[$v.parameter] = $v }
    foreach ($a in $info.added) { if (@(Get-Optional $a 'positional').Count) { $info.positional = $true } }
    $cmdletInfo[$c.name] = $info
}

# The parameter of a 5.1 cmdlet that a command-line name binds to, as PowerShell resolves it: an
# exact name or alias, else the one parameter whose name or alias it is a prefix of (about_Parameters).
function Resolve-Parameter($Known, [string] $Text) {
    $prefixOf = $null
    $count = 0
    foreach ($spellings in $Known) {
        if ($spellings -contains $Text) { return $spellings[0] }
        foreach ($spelling in $spellings) {
            if ($spelling.StartsWith($Text, [StringComparison]::OrdinalIgnoreCase)) { $prefixOf = $spellings[0]; $count++; break }
        }
    }
    if ($count -eq 1) { return $prefixOf }
    if ($count -gt 1) { return '?' }   # ambiguous in 5.1 as well: not ours to report
    return $null
}

# A parameter 7.x added to a cmdlet, named by the text after the dash (name, prefix or new alias).
function Find-Added($Info, [string] $Text) {
    if ($Info.aliases.ContainsKey($Text)) {
        $a = $Info.aliases[$Text]
        return @{ name = $a.parameter; what = "alias -$($a.alias) of -$($a.parameter)"; source = $a.source }
    }
    foreach ($a in $Info.added) {
        if ($a.name.StartsWith($Text, [StringComparison]::OrdinalIgnoreCase)) { return @{ name = $a.name; what = "parameter -$($a.name)"; source = $a.source } }
    }
    return $null
}

# The value given to a named parameter: -Name:value or the next element.
function Get-ParameterValue($Elements, [int] $Index) {
    $p = $Elements[$Index]
    if ($null -ne $p.Argument) { return $p.Argument }
    if ($Index + 1 -lt $Elements.Count -and $Elements[$Index + 1] -isnot [System.Management.Automation.Language.CommandParameterAst]) { return $Elements[$Index + 1] }
    return $null
}

function Test-Command($Findings, $Command) {
    $name = $Command.GetCommandName()
    if (-not $name) { return }
    if ($aliases.ContainsKey($name)) { $name = $aliases[$name] }
    if ($name.Contains('\') -and $name -match '^[^\\]+\\(.+)$') { $name = $Matches[1] }   # Module\Verb-Noun
    $at = $Command.CommandElements[0].Extent
    if ($cmdletsNotIn51.ContainsKey($name)) {
        $c = $cmdletsNotIn51[$name]
        $Findings.Add((New-Finding 'cmdlet' $at.StartLineNumber $at.StartColumnNumber "cmdlet $($c.name) ($($c.module)) is not in Windows PowerShell 5.1" $Command.Extent.Text $c.source))
        return
    }
    $info = $cmdletInfo[$name]
    $elements = $Command.CommandElements
    $flagged = @{}   # parameter names already reported for this command
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $p = $elements[$i]
        if ($p -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
        $text = $p.ParameterName
        if ($commonAdded.ContainsKey($text)) {
            # Any command takes common parameters, so -ProgressAction/-proga counts by its exact spelling.
            $cp = $commonAdded[$text]
            $Findings.Add((New-Finding 'parameter' $p.Extent.StartLineNumber $p.Extent.StartColumnNumber "common parameter -$($cp.name) is not in Windows PowerShell 5.1" $Command.Extent.Text $cp.source))
            $flagged[$cp.name] = $true
            continue
        }
        if ($null -eq $info) { continue }
        $canonical = Resolve-Parameter $info.known $text
        if ($null -eq $canonical) {
            $new = Find-Added $info $text
            if ($new) {
                $Findings.Add((New-Finding 'parameter' $p.Extent.StartLineNumber $p.Extent.StartColumnNumber "$name $($new.what) is not in Windows PowerShell 5.1 (compare $($info.entry.source51))" $Command.Extent.Text $new.source))
                $flagged[$new.name] = $true
            }
            continue
        }
        $value = Get-ParameterValue $elements $i
        if ($null -eq $value -or $value -isnot [System.Management.Automation.Language.ConstantExpressionAst]) { continue }
        $v = [string] $value.Value
        if ($canonical -eq 'Encoding' -and $info.encodings.Count) {
            # 5.1 takes only these names: no utf8NoBOM/utf8BOM/ansi, no code page numbers or names.
            if ($info.encodings -notcontains $v) {
                $Findings.Add((New-Finding 'parameter-value' $value.Extent.StartLineNumber $value.Extent.StartColumnNumber "$name -Encoding $v is not a Windows PowerShell 5.1 encoding (it takes $($info.encodings -join ', '))" $Command.Extent.Text $info.entry.source51))
            }
        }
        elseif ($info.values.ContainsKey($canonical) -and @($info.values[$canonical].values) -contains $v) {
            $Findings.Add((New-Finding 'parameter-value' $value.Extent.StartLineNumber $value.Extent.StartColumnNumber "$name -$canonical $v is not in Windows PowerShell 5.1" $Command.Extent.Text $info.values[$canonical].source))
        }
    }
    if ($null -eq $info -or -not $info.positional) { return }
    # Positional arguments: bind with this pwsh's metadata (when the cmdlet exists here) and look for
    # parameters 5.1 lacks, such as Join-Path's third positional argument (-AdditionalChildPath).
    try { $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($Command, $true) } catch { return }
    foreach ($bound in $binding.BoundParameters.GetEnumerator()) {
        if ($flagged.ContainsKey($bound.Key)) { continue }
        foreach ($a in $info.added) {
            if ($a.name -ne $bound.Key) { continue }
            $e = if ($bound.Value.Value) { $bound.Value.Value.Extent } else { $at }
            $Findings.Add((New-Finding 'parameter' $e.StartLineNumber $e.StartColumnNumber "$name parameter -$($a.name) (bound by position) is not in Windows PowerShell 5.1 (compare $($info.entry.source51))" $Command.Extent.Text $a.source))
        }
    }
}

# --- tokens: what the AST does not show -------------------------------------------------------------
$Kind = [System.Management.Automation.Language.TokenKind]
$escapeKinds = @($Kind::StringExpandable, $Kind::HereStringExpandable, $Kind::Generic)
$newSuffixes = @('y', 'uy', 's', 'us', 'u', 'ul', 'n')
function Test-Tokens($Findings, $Tokens) {
    for ($i = 0; $i -lt $Tokens.Count; $i++) {
        $t = $Tokens[$i]
        if ($t.Kind -eq $Kind::Pipe) {
            $j = $i - 1
            while ($j -ge 0 -and $Tokens[$j].Kind -eq $Kind::Comment) { $j-- }
            if ($j -ge 0 -and $Tokens[$j].Kind -eq $Kind::NewLine) { Add-Syntax $Findings 'leading-pipe' $t.Extent }
        }
        elseif ($t.Kind -eq $Kind::Number) {
            # about_Numeric_Literals: 5.1 knows the suffixes l and d and the multipliers kb..pb.
            if ($t.Text -match '^[+\-\u2013\u2014\u2015]?(?:0x[0-9a-f]+|0b[01]+|(?:\d+\.?\d*|\.\d+)(?:e[+\-]?\d+)?)(?<type>[a-z]*?)(?:kb|mb|gb|tb|pb)?$') {
                if ($t.Text -match '^[+\-\u2013\u2014\u2015]?0b') { Add-Syntax $Findings 'binary-literal' $t.Extent }
                elseif ($newSuffixes -contains $Matches['type']) { Add-Syntax $Findings 'numeric-suffix' $t.Extent }
            }
        }
        elseif ($escapeKinds -contains $t.Kind) {
            Test-Escapes $Findings $t
        }
    }
}
# `e and `u{...} mean ESC and a code point in 6.0 and later; 5.1 reads them as the letters e and u.
function Test-Escapes($Findings, $Token) {
    $text = $Token.Text
    for ($k = 0; $k -lt $text.Length - 1; $k++) {
        if ($text[$k] -ne '`') { continue }
        $next = $text[$k + 1]
        $id = if ($next -ceq 'e') { 'escape-e' } elseif ($next -ceq 'u' -and $k + 2 -lt $text.Length -and $text[$k + 2] -eq '{') { 'escape-u' } else { $null }
        if ($id) {
            $before = $text.Substring(0, $k)
            $nl = $before.LastIndexOf("`n")
            $line = $Token.Extent.StartLineNumber + ($before.Length - $before.Replace("`n", '').Length)
            $column = if ($nl -lt 0) { $Token.Extent.StartColumnNumber + $k } else { $k - $nl }
            $s = $syntax[$id]
            $Findings.Add((New-Finding $id $line $column "$($s.construct) [PowerShell $($s.since)]" $Token.Text $s.source))
        }
        $k++
    }
}

function Test-Requires($Findings, $Ast, $Tokens) {
    $req = $Ast.ScriptRequirements
    if ($null -eq $req) { return }
    $extent = $Ast.Extent
    foreach ($t in $Tokens) { if ($t.Kind -eq $Kind::Comment -and $t.Text -match '^#requires') { $extent = $t.Extent; break } }
    if ($req.RequiredPSVersion -and $req.RequiredPSVersion -gt [version] '5.1') { Add-Syntax $Findings 'requires-version' $extent }
    $editions = @($req.RequiredPSEditions)
    if ($editions -contains 'Core' -and $editions -notcontains 'Desktop') { Add-Syntax $Findings 'requires-edition' $extent }
}

# --- the AST ------------------------------------------------------------------------------------------
$L = 'System.Management.Automation.Language'
$replaceOperators = @($Kind::Ireplace, $Kind::Creplace)
# Dispatch on the node's type name (a string switch): one script block per node, not one per case.
function Test-Ast($Findings, $Ast) {
    foreach ($node in $Ast.FindAll({ $true }, $true)) {
        switch ($node.GetType().Name) {
            'TernaryExpressionAst' { Add-Syntax $Findings 'ternary' $node.Extent }
            'BinaryExpressionAst' {
                if ($node.Operator -eq $Kind::QuestionQuestion) { Add-Syntax $Findings 'null-coalescing' $node.Extent }
                elseif ($replaceOperators -contains $node.Operator -and $node.Right -is "$L.ArrayLiteralAst" -and
                    $node.Right.Elements.Count -eq 2 -and $node.Right.Elements[1] -is "$L.ScriptBlockExpressionAst") {
                    Add-Syntax $Findings 'replace-scriptblock' $node.Extent
                }
                elseif ($node.Operator -eq $Kind::DotDot -and ((Test-Letter $node.Left) -or (Test-Letter $node.Right))) { Add-Syntax $Findings 'char-range' $node.Extent }
            }
            'AssignmentStatementAst' { if ($node.Operator -eq $Kind::QuestionQuestionEquals) { Add-Syntax $Findings 'null-coalescing-assignment' $node.Extent } }
            'PipelineChainAst' {
                Add-Syntax $Findings 'pipeline-chain' $node.Extent
                if ($node.Background) { Add-Syntax $Findings 'background' $node.Extent }
            }
            'PipelineAst' { if ($node.Background) { Add-Syntax $Findings 'background' $node.Extent } }
            'MemberExpressionAst' { Test-Member $Findings $node }
            'InvokeMemberExpressionAst' { Test-Member $Findings $node }
            'BaseCtorInvokeMemberExpressionAst' { Test-Member $Findings $node }
            'IndexExpressionAst' { if ($node.NullConditional) { Add-Syntax $Findings 'null-conditional' $node.Extent } }
            'ScriptBlockAst' { if ($null -ne $node.CleanBlock) { Add-Syntax $Findings 'clean-block' $node.CleanBlock.Extent } }
            'CommandAst' { Test-Command $Findings $node }
            'VariableExpressionAst' {
                $path = $node.VariablePath
                $bare = $path.UserPath -replace '^(?:global|local|script|private|using):', ''
                if (-not $path.IsDriveQualified -and $variables.ContainsKey($bare)) {
                    $v = $variables[$bare]
                    $Findings.Add((New-Finding 'variable' $node.Extent.StartLineNumber $node.Extent.StartColumnNumber "variable `$$($v.name) is not defined in Windows PowerShell 5.1 (an error under Set-StrictMode)" $node.Extent.Text $v.source))
                }
            }
            'TypeExpressionAst' { foreach ($n in (Get-TypeNames $node.TypeName)) { Test-TypeName $Findings $n $node.Extent $false } }
            'TypeConstraintAst' { foreach ($n in (Get-TypeNames $node.TypeName)) { Test-TypeName $Findings $n $node.Extent $false } }
            'AttributeAst' {
                foreach ($n in (Get-TypeNames $node.TypeName)) { Test-TypeName $Findings $n $node.Extent $true }
            }
        }
    }
}
# A one-letter string: 'a'..'z' is a character range in 6.0 and later; '1'..'3' is numbers in both.
function Test-Letter($Operand) {
    $Operand -is "$L.StringConstantExpressionAst" -and $Operand.Value.Length -eq 1 -and -not [char]::IsDigit($Operand.Value[0])
}

# Member access: ?. (7.0), generic method arguments (7.3), static .NET members missing from .NET
# Framework, and String.Split with a multi-character string.
function Test-Member($Findings, $Node) {
    if ($Node.NullConditional) { Add-Syntax $Findings 'null-conditional' $Node.Extent }
    if ($Node -is "$L.InvokeMemberExpressionAst" -and $null -ne $Node.GenericTypeArguments -and $Node.GenericTypeArguments.Count -gt 0) {
        Add-Syntax $Findings 'generic-method' $Node.Extent
    }
    if ($Node.Member -isnot [System.Management.Automation.Language.StringConstantExpressionAst]) { return }
    $member = $Node.Member.Value
    if ($Node.Static -and $Node.Expression -is [System.Management.Automation.Language.TypeExpressionAst]) {
        $key = (Get-BareTypeName $Node.Expression.TypeName.FullName) + '::' + $member
        if ($staticMembers.ContainsKey($key)) {
            $m = $staticMembers[$key]
            $Findings.Add((New-Finding 'dotnet' $Node.Extent.StartLineNumber $Node.Extent.StartColumnNumber ".NET member [$($m.type)]::$($m.member) is not in .NET Framework 4.x" $Node.Extent.Text $m.source))
        }
        return
    }
    if ($Node -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $member -eq 'Split' -and
        @($Node.Arguments).Count -eq 1 -and $Node.Arguments[0] -is [System.Management.Automation.Language.StringConstantExpressionAst] -and
        $Node.Arguments[0].Value.Length -ge 2) {
        $s = $compat.dotnet.splitString
        $Findings.Add((New-Finding 'dotnet' $Node.Extent.StartLineNumber $Node.Extent.StartColumnNumber $s.construct $Node.Extent.Text $s.source))
    }
}

# --- the batch ----------------------------------------------------------------------------------------
$setupMs = $clock.ElapsedMilliseconds
$results = [ordered]@{}
foreach ($file in $request.files) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.path, [ref] $tokens, [ref] $errors)
    $findings = [System.Collections.Generic.List[object]]::new()
    Test-Ast $findings $ast
    Test-Tokens $findings $tokens
    Test-Requires $findings $ast $tokens
    $parseErrors = @($errors | ForEach-Object { [ordered]@{ line = $_.Extent.StartLineNumber; column = $_.Extent.StartColumnNumber; message = $_.Message } })
    $results[[string] $file.id] = [ordered]@{ errors = $parseErrors; findings = $findings.ToArray() }
}
$timing = [ordered]@{ setupMs = $setupMs; checkMs = $clock.ElapsedMilliseconds - $setupMs }
Write-Answer $OutputPath ([ordered]@{ version = $PSVersionTable.PSVersion.ToString(); detectors = $Detectors; timing = $timing; results = $results })
