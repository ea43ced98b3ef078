# Shared by the engine scripts: .NET values as tagged JSON, and writing the answer.

# A value as { t = kind; ... }: the .NET type decides the tag, never a guess from the text.
function ConvertTo-Tagged($Value) {
    if ($null -eq $Value) { return [ordered]@{ t = 'null' } }
    if ($Value -is [System.Management.Automation.PSObject]) { $Value = $Value.PSObject.BaseObject }
    $type = $Value.GetType()
    if ($Value -is [string]) { return [ordered]@{ t = 'string'; v = $Value } }
    if ($Value -is [bool]) { return [ordered]@{ t = 'bool'; v = $Value } }
    if ($Value -is [scriptblock]) { return [ordered]@{ t = 'scriptblock'; v = $Value.Ast.Extent.Text } }
    if ($type.IsPrimitive -or $Value -is [decimal]) {
        return [ordered]@{ t = 'number'; type = $type.Name; v = ([double] $Value).ToString('R', [cultureinfo]::InvariantCulture) }
    }
    if ($Value -is [System.Collections.IDictionary]) {
        $entries = [System.Collections.Generic.List[object]]::new()
        foreach ($key in $Value.Keys) { $entries.Add([ordered]@{ k = (ConvertTo-Tagged $key); v = (ConvertTo-Tagged $Value[$key]) }) }
        return [ordered]@{ t = 'hashtable'; type = $type.Name; entries = $entries.ToArray() }
    }
    if ($Value -is [array]) {
        $items = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $Value) { $items.Add((ConvertTo-Tagged $item)) }
        return [ordered]@{ t = 'array'; type = $type.Name; items = $items.ToArray() }
    }
    return [ordered]@{ t = 'other'; type = $type.FullName; v = [string] $Value }
}

# Writes the answer as UTF-8 JSON (no BOM) for the JavaScript side.
function Write-Answer([string] $Path, $Answer) {
    [System.IO.File]::WriteAllText($Path, ($Answer | ConvertTo-Json -Depth 100 -Compress), [System.Text.UTF8Encoding]::new($false))
}
