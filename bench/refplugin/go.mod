module gocacheaction/bench/refplugin

go 1.24
