// Package alerts pushes energy anomaly alerts to WeCom (企业微信).
// 需求-2024-002：设备功率异常或夜间空载时推送告警，见 需求-2024-001 的看板数据。
package alerts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Rule thresholds agreed with 客户A (需求-2024-002).
const (
	OverloadRatio  = 1.10             // power above 110 % of rated
	OverloadFor    = 15 * time.Minute // for at least 15 minutes
	IdleNightFor   = 20 * time.Minute // idle between 22:00 and 06:00
	NightStartHour = 22
	NightEndHour   = 6
	webhookTimeout = 5 * time.Second
)

type Alert struct {
	DeviceID string
	Workshop string
	KW       float64
	Since    time.Time
	Kind     string // "overload" | "idle-night"
}

// Notifier posts alerts to a WeCom group robot webhook.
type Notifier struct {
	Webhook string
	Client  *http.Client
}

func NewNotifier(webhook string) *Notifier {
	return &Notifier{Webhook: webhook, Client: &http.Client{Timeout: webhookTimeout}}
}

// Send formats the alert the way the duty engineer asked for: device, workshop, kW, duration.
func (n *Notifier) Send(a Alert, now time.Time) error {
	text := fmt.Sprintf("[%s] %s %s 当前 %.1f kW，已持续 %d 分钟",
		a.Kind, a.Workshop, a.DeviceID, a.KW, int(now.Sub(a.Since).Minutes()))
	body, _ := json.Marshal(map[string]any{"msgtype": "text", "text": map[string]string{"content": text}})
	resp, err := n.Client.Post(n.Webhook, "application/json", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("wecom webhook: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("wecom webhook: status %d", resp.StatusCode)
	}
	return nil
}

// IsNight reports whether t falls in the night window (22:00–06:00 local time).
func IsNight(t time.Time) bool {
	h := t.Hour()
	return h >= NightStartHour || h < NightEndHour
}
