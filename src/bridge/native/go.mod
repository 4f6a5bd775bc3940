module go-cache-action/bridge

go 1.24
